/** The deploy settings and the definition helper, without synthesising a stack. */
import { describe, expect, it } from 'vitest';
import { functionArn, stateMachineDefinition } from '../../infra/definition.js';
import { DEFAULT_SETTINGS, readSettings } from '../../infra/settings.js';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readSettings', () => {
  it('takes the defaults when nothing is set', () => {
    expect(readSettings(context({}))).toEqual({
      ...DEFAULT_SETTINGS,
      alarmEmail: undefined,
      domainName: undefined,
      certificateArn: undefined,
    });
  });

  it('reads numbers given as -c strings', () => {
    expect(readSettings(context({ stage: 'prod', maxConcurrency: '250', alarmEmail: 'it@kommun.se' }))).toMatchObject({
      stage: 'prod',
      maxConcurrency: 250,
      alarmEmail: 'it@kommun.se',
    });
  });

  it('refuses a custom domain without its certificate', () => {
    expect(() => readSettings(context({ domainName: 'prognos.kommun.se' }))).toThrow(/go together/);
  });

  it('refuses a certificate outside us-east-1', () => {
    expect(() =>
      readSettings(context({ domainName: 'prognos.kommun.se', certificateArn: 'arn:aws:acm:eu-north-1:123456789012:certificate/x' })),
    ).toThrow(/us-east-1/);
  });

  it('refuses a concurrency a Distributed Map does not take', () => {
    expect(() => readSettings(context({ maxConcurrency: '20000' }))).toThrow(/at most 10000/);
    expect(() => readSettings(context({ maxConcurrency: '16' }))).toThrow(/at least 32 .*worker's timeout/);
    expect(() => readSettings(context({ maxConcurrency: 'many' }))).toThrow(/whole number/);
  });

  it('refuses a stage that cannot name a stack', () => {
    expect(() => readSettings(context({ stage: 'prod env' }))).toThrow(/stage/);
  });
});

describe('stateMachineDefinition', () => {
  const template = {
    Resources: {
      PlanFn: { Type: 'AWS::Lambda::Function' },
      Queue: { Type: 'AWS::SQS::Queue' },
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: {
            'Fn::Join': [
              '',
              [
                '{"StartAt":"Plan","States":{"Plan":{"Type":"Task","Resource":"',
                { 'Fn::GetAtt': ['PlanFn', 'Arn'] },
                '","Next":"Send"},"Send":{"Type":"Task","Resource":"arn:',
                { Ref: 'AWS::Partition' },
                ':states:::sqs:sendMessage","Parameters":{"QueueUrl":"',
                { Ref: 'Queue' },
                '"},"End":true}}}',
              ],
            ],
          },
        },
      },
    },
  };

  it('resolves function ARNs, pseudo parameters and other references to placeholders', () => {
    const definition = stateMachineDefinition(template) as any;
    expect(definition.States.Plan.Resource).toBe(functionArn('PlanFn'));
    expect(functionArn('PlanFn')).toBe('arn:aws:lambda:local:000000000000:function:PlanFn');
    expect(definition.States.Send.Resource).toBe('arn:aws:states:::sqs:sendMessage');
    expect(definition.States.Send.Parameters.QueueUrl).toBe('arn:aws:sqs:local:000000000000:Queue');
  });

  it('accepts a Template-like object', () => {
    expect((stateMachineDefinition({ toJSON: () => template }) as any).StartAt).toBe('Plan');
  });

  it('says which reference it cannot resolve', () => {
    const broken = structuredClone(template);
    (broken.Resources.Machine.Properties.DefinitionString['Fn::Join'][1] as unknown[])[1] = { 'Fn::GetAtt': ['Missing', 'Arn'] };
    expect(() => stateMachineDefinition(broken)).toThrow(/Missing/);
  });
});
