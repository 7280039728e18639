/**
 * DynamoDB Local on a free port with a temporary data directory, without vitest: the test harness and the
 * benchmarks that play the Lambdas (bench/cloud-local.ts, through tests/lambda/lambda-env.ts) share it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../functions/local-services.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/store/ddb-local.js';

/** Starts DynamoDB Local on a free port with a temporary data directory. */
export async function startLocalDynamo(): Promise<DynamoDbLocal & { dataDir: string; port: number; cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pp-ddb-'));
  const port = await freePort();
  const ddb = await startDynamoDbLocal({ port, dataDir });
  return {
    ...ddb,
    dataDir,
    port,
    cleanup: async () => {
      await ddb.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
