/**
 * One Lambda function from one entry file in functions/lambda/, bundled by the local esbuild (no Docker here),
 * with its own log group. Every function of the stack is made here so that runtime, architecture, bundling and
 * log retention cannot differ between them.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA } from '../../build/esbuild-options.mjs';

/** The newest Node.js runtime aws-cdk-lib offers; the code is also run on Node 20 on a developer's machine. */
export const RUNTIME = Runtime.NODEJS_24_X;
export const LOG_RETENTION = RetentionDays.THREE_MONTHS;
export const SERVICE_NAME = 'placement-planner';

export interface EntryFunctionProps {
  /** File name in functions/lambda/, without .ts. */
  entry: 'api' | 'plan' | 'worker' | 'merge-group' | 'merge' | 'fail';
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  /**
   * Files the function reads at runtime, which esbuild does not bundle: folder beside the bundle -> the files
   * (absolute paths) copied into it.
   */
  besideBundle?: Record<string, string[]>;
}

export function entryPath(entry: EntryFunctionProps['entry']): string {
  return fileURLToPath(new URL(`../../functions/lambda/${entry}.ts`, import.meta.url));
}

/** POSIX single quotes: the hooks' commands run in bash (local bundling) with paths that may hold spaces. */
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** mkdir and cp after esbuild, into the bundle's output folder, so the files enter the asset (and its hash). */
function copyCommands(outputDir: string, besideBundle: Record<string, string[]>): string[] {
  return Object.entries(besideBundle).flatMap(([folder, files]) => {
    const target = quote(join(outputDir, folder));
    return [`mkdir -p ${target}`, `cp ${files.map(quote).join(' ')} ${target}`];
  });
}

export class EntryFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: EntryFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: LOG_RETENTION });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: entryPath(props.entry),
      handler: 'handler',
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      // The esbuild options are build/esbuild-options.mjs's LAMBDA, which shares its format, platform, source maps,
      // main fields and require banner with the local build (dist/, what `npm start` and the command line run).
      // NodejsFunction takes them as its own props, hence the copy field by field; its entry stays the TypeScript
      // source, since a Lambda bundle holds its packages and the local build leaves them in node_modules.
      bundling: {
        forceDockerBundling: false,
        minify: LAMBDA.minify,
        sourceMap: LAMBDA.sourcemap,
        target: LAMBDA.target,
        format: LAMBDA.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        mainFields: LAMBDA.mainFields,
        banner: LAMBDA.banner.js,
        externalModules: LAMBDA.external,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => copyCommands(outputDir, props.besideBundle ?? {}),
        },
      },
    });
  }
}
