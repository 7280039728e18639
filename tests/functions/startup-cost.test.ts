/**
 * Start-up does not grow with the data (issue 10, item 2): the real server counts the DynamoDB requests it sends
 * and the items they read until it has listed the runs to resume (its "start-up done" line), on a table that is
 * empty and on the same table once it holds many finished runs with large results, chunks and models. The
 * counts must be the same: the table setup and the migration's marker are a fixed handful of requests, and the
 * runs to resume come from the unfinished-runs index, never a scan. Counts, not seconds: the time is printed
 * (for the README), never asserted.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_NAME, freePort } from '../../functions/local-services.js';
import { createDynamoClient } from '../../functions/store/client.js';
import { startDynamoDbLocal } from '../../functions/store/ddb-local.js';
import { DynamoStore } from '../../functions/store/dynamo.js';
import type { RunRecord } from '../../functions/store/port.js';
import { PARTIAL_FORMAT } from '../../simulation/index.js';
import { groups, killGroup, newSetup, startServer, stopServer, waitHealthy, type Setup } from './real-server.js';

const RUNS = 120;
const NOW = '2026-12-01T00:00:00.000Z';

interface StartUp {
  ms: number;
  requests: number;
  items: number;
}

/** Starts the server, reads its start-up line, stops it again. */
async function startUp(s: Setup): Promise<StartUp> {
  const server = startServer(s);
  try {
    await waitHealthy(s, server);
    const deadline = Date.now() + 60_000;
    let match: RegExpExecArray | null = null;
    while (!(match = /start-up done in (\d+) ms: (\d+) DynamoDB requests, (\d+) items read/.exec(server.output()))) {
      if (Date.now() > deadline) throw new Error(`no start-up line:\n${server.output()}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    return { ms: Number(match[1]), requests: Number(match[2]), items: Number(match[3]) };
  } finally {
    await stopServer(server);
  }
}

/** Text that gzip cannot shrink much, as stored results and partials are large. */
const noise = (bytes: number) => randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64');

/** Fills the table with finished runs (result, distributions, two chunks each) and large models, directly. */
async function fill(s: Setup): Promise<number> {
  const ddb = await startDynamoDbLocal({ port: await freePort(), dataDir: join(s.dataDir, 'dynamodb') });
  const client = createDynamoClient(ddb.endpoint);
  const store = new DynamoStore(client, TABLE_NAME);
  try {
    for (let m = 0; m < 10; m++) await store.createModel(`t${m % 5}`, `model-${m}`, `Model ${m}`, { blob: noise(300_000) }, NOW);
    for (let i = 0; i < RUNS; i++) {
      const tenant = `t${i % 5}`;
      const run: RunRecord = {
        tenant,
        id: `01run${String(i).padStart(6, '0')}`,
        modelId: `model-${i % 10}`,
        modelVersion: 1,
        trials: 2_000,
        seed: i,
        status: 'queued',
        chunks: 2,
        chunkSize: 1_000,
        chunksDone: 0,
        trialsDone: 0,
        createdAt: NOW,
      };
      await store.createRun(run, 4);
      await store.transitionRun(tenant, run.id, ['queued'], 'running', { startedAt: NOW });
      for (const index of [0, 1]) await store.putChunk(tenant, run.id, index, 1_000, noise(100_000), PARTIAL_FORMAT);
      await store.putResult(tenant, run.id, noise(150_000), noise(50_000));
      await store.transitionRun(tenant, run.id, ['running'], 'succeeded', { finishedAt: NOW });
    }
    let items = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: TABLE_NAME, Select: 'COUNT', ExclusiveStartKey: start }));
      items += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  } finally {
    client.destroy();
    await ddb.stop();
  }
}

describe('start-up', () => {
  let s: Setup | undefined;
  afterAll(async () => {
    for (const pgid of [...groups]) await killGroup(pgid);
    if (s) await rm(s.dataDir, { recursive: true, force: true });
  }, 60_000);

  it('reads as much from a table of many large runs as from an empty one', { timeout: 900_000 }, async () => {
    s = await newSetup('pp-startup-');
    const first = await startUp(s); // creates the table and its migration marker
    const empty = await startUp(s);
    const items = await fill(s);
    const large = await startUp(s);
    console.log(
      `[start-up] first start ${JSON.stringify(first)}; empty table ${JSON.stringify(empty)}; ` +
        `${RUNS} finished runs, ${items} items: ${JSON.stringify(large)}`,
    );
    expect(items).toBeGreaterThan(RUNS * 5);
    expect(large.requests).toBe(empty.requests);
    expect(large.items).toBe(empty.items);
    expect(large.items).toBeLessThan(5);
  });
});
