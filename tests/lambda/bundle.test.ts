/**
 * The step Lambdas as the stack ships them: each entry file bundled by esbuild on its own (ESM, the AWS SDK left
 * out as the Node.js runtime provides it, as NodejsFunction does by default), loaded fresh like a new container,
 * and a run played through the bundles to the command line's result. Catches what the TypeScript sources cannot:
 * a file read next to the sources, a worker-thread pool or a CDK module pulled into a function.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRunRecord } from '../../functions/services/runs.js';
import { simulate } from '../../simulation/index.js';
import { SMALL, startLambdaEnv, type LambdaEnv } from './lambda-env.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that the SDK left out of the bundles resolves from node_modules as in the runtime.
const OUT = fileURLToPath(new URL(`../../node_modules/.cache/lambda-bundles-${process.pid}/`, import.meta.url));
const ENTRIES = ['api', 'plan', 'worker', 'merge-group', 'merge', 'fail'] as const;
const TENANT = 'alfa';

type Step = (event: unknown) => Promise<any>;
let env: LambdaEnv;
const steps: Record<string, Step> = {};

beforeAll(async () => {
  env = await startLambdaEnv();
  await mkdir(OUT, { recursive: true });
  await build({
    entryPoints: ENTRIES.map((name) => `${ROOT}functions/lambda/${name}.ts`),
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    // The functions run on Node 22 in the cloud; this machine's Node 20 must run the same bundles.
    target: 'node20',
    format: 'esm',
    external: ['@aws-sdk/*'],
    // Some bundled CommonJS calls require(); an ESM bundle has none unless given one. Named so as not to clash
    // with modules that import createRequire themselves.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  for (const name of ENTRIES) steps[name] = ((await import(pathToFileURL(`${OUT}${name}.mjs`).href)) as { handler: Step }).handler;
});

afterAll(async () => {
  await rm(OUT, { recursive: true, force: true });
  await env?.close();
});

describe('the bundled step Lambdas', () => {
  it('carry no worker-thread pool and no CDK', async () => {
    for (const name of ENTRIES) {
      const text = await readFile(`${OUT}${name}.mjs`, 'utf8');
      expect(text, name).not.toContain('piscina');
      expect(text, name).not.toContain('aws-cdk-lib');
    }
  });

  it('play a run to the command line result', async () => {
    const model = await env.store.createModel(TENANT, 'small', 'Small', SMALL, new Date().toISOString());
    const { run } = await env.store.createRun(newRunRecord(TENANT, { modelId: model.id, trials: 300, seed: 13 }, 1, 2, new Date()), 4);

    const plan = await steps.plan({ tenant: TENANT, runId: run.id });
    const played = await Promise.all(plan.chunks.map((chunk: unknown) => steps.worker(chunk)));
    const grouped = await Promise.all(plan.groups.map((group: unknown) => steps['merge-group'](group)));
    const merged = await steps.merge(plan);

    expect(grouped.map((g: { skipped: boolean }) => g.skipped)).toEqual([false]);
    expect(played.map((p: { skipped: boolean }) => p.skipped)).toEqual([false, false, false]);
    expect(merged).toEqual({ status: 'succeeded' });
    expect(await env.store.getResult(TENANT, run.id)).toBe(JSON.stringify(simulate({ model: SMALL, trials: 300, seed: 13 })));
  });

  it('mark a run failed from a Catch', async () => {
    const model = await env.store.getModelHead(TENANT, 'small');
    const { run } = await env.store.createRun(newRunRecord(TENANT, { modelId: model!.id, trials: 100, seed: 1 }, 1, 2, new Date()), 4);
    await steps.plan({ tenant: TENANT, runId: run.id });

    await steps.fail({ tenant: TENANT, runId: run.id, error: { Error: 'States.Timeout', Cause: 'timed out' } });

    expect(await env.store.getRun(TENANT, run.id)).toMatchObject({ status: 'failed' });
  });
});
