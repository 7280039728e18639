/**
 * The state machine's definition out of a synthesised template, as plain Amazon States Language JSON that an
 * interpreter (aws-local-stepfunctions) can run. CloudFormation leaves the function ARNs as intrinsics
 * (Fn::Join of strings and Fn::GetAtt), so they are resolved here to placeholders:
 *
 *   Fn::GetAtt [<LogicalId>, Arn] of a Lambda function -> arn:aws:lambda:local:000000000000:function:<LogicalId>
 *   Ref AWS::Partition / AWS::Region / AWS::AccountId / AWS::URLSuffix -> aws / local / 000000000000 / amazonaws.com
 *   Ref or Fn::GetAtt of anything else -> arn:aws:<service>:local:000000000000:<LogicalId>
 *
 * Usage: stateMachineDefinition(Template.fromStack(stack)) or stateMachineDefinition(templateJson). Bind the
 * Tasks by state name (Plan, Worker, Merge, MarkFailed) or by these ARNs (functionArn(logicalId)).
 */
export const PLACEHOLDER_REGION = 'local';
export const PLACEHOLDER_ACCOUNT = '000000000000';

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}
export interface TemplateJson {
  Resources: Record<string, Resource>;
}
/** aws-cdk-lib/assertions' Template, or the template's JSON itself. */
export type TemplateLike = TemplateJson | { toJSON(): { [key: string]: unknown } };

export function functionArn(logicalId: string): string {
  return `arn:aws:lambda:${PLACEHOLDER_REGION}:${PLACEHOLDER_ACCOUNT}:function:${logicalId}`;
}

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': PLACEHOLDER_REGION,
  'AWS::AccountId': PLACEHOLDER_ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

function placeholderArn(template: TemplateJson, logicalId: string): string {
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`the definition names ${logicalId}, which is not a resource of the template`);
  if (resource.Type === 'AWS::Lambda::Function') return functionArn(logicalId);
  const service = resource.Type.split('::')[1]?.toLowerCase() ?? 'unknown';
  return `arn:aws:${service}:${PLACEHOLDER_REGION}:${PLACEHOLDER_ACCOUNT}:${logicalId}`;
}

/** A CloudFormation value (string or intrinsic) as a string with placeholders. */
export function resolveIntrinsic(template: TemplateJson, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [fn, args] = entries[0];
      if (fn === 'Fn::Join' && Array.isArray(args) && typeof args[0] === 'string' && Array.isArray(args[1])) {
        return (args[1] as unknown[]).map((part) => resolveIntrinsic(template, part)).join(args[0]);
      }
      if (fn === 'Fn::GetAtt' && Array.isArray(args) && typeof args[0] === 'string') {
        if (args[1] !== 'Arn') throw new Error(`Fn::GetAtt ${args[0]}.${String(args[1])}: only Arn is resolved`);
        return placeholderArn(template, args[0]);
      }
      if (fn === 'Ref' && typeof args === 'string') return PSEUDO[args] ?? placeholderArn(template, args);
    }
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)} in the state machine definition`);
}

function asJson(template: TemplateLike): TemplateJson {
  return ('toJSON' in template && typeof template.toJSON === 'function' ? template.toJSON() : template) as TemplateJson;
}

/**
 * The definition (an ASL object: StartAt, States, …) of the template's state machine; `logicalId` picks one
 * when the template has several.
 */
export function stateMachineDefinition(template: TemplateLike, logicalId?: string): Record<string, unknown> {
  const json = asJson(template);
  const machines = Object.entries(json.Resources).filter(
    ([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && (logicalId === undefined || id === logicalId),
  );
  if (machines.length !== 1) throw new Error(`expected one state machine${logicalId ? ` ${logicalId}` : ''}, found ${machines.length}`);
  const [, machine] = machines[0];
  const text = resolveIntrinsic(json, machine.Properties?.DefinitionString);
  return JSON.parse(text) as Record<string, unknown>;
}
