/**
 * What a municipality sets when it deploys, read from CDK context (`-c stage=prod -c alarmEmail=…`). Parsed in
 * one place so that a typo fails the synth with the setting's name instead of deploying something unexpected.
 */
export interface StackSettings {
  /** Names the stack (PlacementPlanner-<stage>): several stages can live in one account. */
  stage: string;
  /** Where the alarms are e-mailed; without it the topic has no subscriber. */
  alarmEmail?: string;
  /** Optional custom domain of the distribution; needs a certificate in us-east-1 (CloudFront's region). */
  domainName?: string;
  certificateArn?: string;
  /** Most worker Lambdas the Distributed Map runs at once for one run. */
  maxConcurrency: number;
  /** The HTTP API's steady request rate and burst, per second, across all clients. */
  apiRateLimit: number;
  apiBurstLimit: number;
}

/** Planned for 4 workers, 32 chunks: a 1,000,000-trial run's chunks of 31,250 trials take about a minute. */
export const MIN_MAX_CONCURRENCY = 32;

export const DEFAULT_SETTINGS: StackSettings = { stage: 'dev', maxConcurrency: 512, apiRateLimit: 50, apiBurstLimit: 100 };

type Context = (key: string) => unknown;

export function readSettings(context: Context): StackSettings {
  const text = (key: string): string | undefined => {
    const value = context(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}`);
    return value;
  };
  const whole = (key: string, fallback: number): number => {
    const value = context(key);
    if (value === undefined || value === '') return fallback;
    // -c passes strings, cdk.json passes numbers.
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`context ${key} must be a whole number >= 1, got ${JSON.stringify(value)}`);
    return n;
  };

  const stage = text('stage') ?? DEFAULT_SETTINGS.stage;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(stage))
    throw new Error(`context stage must be letters, digits and dashes (max 20), got ${stage}`);
  const alarmEmail = text('alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(alarmEmail))
    throw new Error(`context alarmEmail is not an e-mail address: ${alarmEmail}`);
  const domainName = text('domainName');
  const certificateArn = text('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('context domainName and certificateArn go together: give both or neither');
  }
  if (certificateArn !== undefined && !certificateArn.startsWith('arn:aws:acm:us-east-1:')) {
    throw new Error('context certificateArn must be an ACM certificate in us-east-1 (CloudFront takes no other region)');
  }
  // Only MaxConcurrency up to 10,000 is accepted by a Distributed Map. Runs are planned for maxConcurrency / 8
  // workers (stack.ts), so below MIN_MAX_CONCURRENCY a 1,000,000-trial run would get chunks too long for the
  // worker's timeout.
  const maxConcurrency = whole('maxConcurrency', DEFAULT_SETTINGS.maxConcurrency);
  if (maxConcurrency > 10_000) throw new Error(`context maxConcurrency is at most 10000, got ${maxConcurrency}`);
  if (maxConcurrency < MIN_MAX_CONCURRENCY) {
    throw new Error(
      `context maxConcurrency is at least ${MIN_MAX_CONCURRENCY} (fewer workers give chunks too long for the worker's timeout), got ${maxConcurrency}`,
    );
  }
  return {
    stage,
    alarmEmail,
    domainName,
    certificateArn,
    maxConcurrency,
    apiRateLimit: whole('apiRateLimit', DEFAULT_SETTINGS.apiRateLimit),
    apiBurstLimit: whole('apiBurstLimit', DEFAULT_SETTINGS.apiBurstLimit),
  };
}
