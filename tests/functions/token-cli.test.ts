/**
 * `npm run token` against a table named with --table (the cloud's), here a DynamoDB Local given by --endpoint:
 * the token it prints is accepted by the store the API reads, and the table is never created by the command.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../functions/auth/tokens.js';
import { createDynamoClient } from '../../functions/store/client.js';
import { DynamoStore } from '../../functions/store/dynamo.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { startLocalDynamo } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TABLE = 'cloud-table';

let ddb: Awaited<ReturnType<typeof startLocalDynamo>>;
let client: ReturnType<typeof createDynamoClient>;
let store: DynamoStore;

beforeAll(async () => {
  ddb = await startLocalDynamo();
  client = createDynamoClient(ddb.endpoint);
  await ensureTable(client, TABLE);
  store = new DynamoStore(client, TABLE);
});

afterAll(async () => {
  client?.destroy();
  await ddb?.cleanup();
});

function token(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // DDB_PORT points nowhere: a command that fell back to this machine's DynamoDB Local would fail.
    const env = { ...process.env, DDB_PORT: '1', DATA_DIR: '/nonexistent' };
    execFile('node', ['--import', 'tsx', 'functions/cli/token.ts', ...args], { cwd: ROOT, env }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run token with --table', () => {
  it('creates a token in the named table that the API accepts, and lists it', async () => {
    const created = await token(['create', '--tenant', 'vaxjo', '--role', 'admin', '--table', TABLE, '--endpoint', ddb.endpoint]);
    const secret = created.stdout.trim().split('\n').at(-1)!;
    const listed = await token(['list', '--tenant', 'vaxjo', '--table', TABLE, '--endpoint', ddb.endpoint]);

    expect(created.code, created.stderr).toBe(0);
    expect(await authenticate(store, secret)).toMatchObject({ tenant: 'vaxjo', role: 'admin' });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/\tadmin\t.*\tactive\t/);
  });

  it('names the table when it does not exist, and does not create it', async () => {
    const out = await token(['list', '--tenant', 'vaxjo', '--table', 'no-such-table', '--endpoint', ddb.endpoint]);

    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`table no-such-table at ${ddb.endpoint}: `);
    expect(await new DynamoStore(client, 'no-such-table').ping()).toBe(false);
  });

  it('takes --region and --endpoint only with --table', async () => {
    const out = await token(['list', '--tenant', 'vaxjo', '--region', 'eu-north-1']);

    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--region and --endpoint: only with --table');
  });

  it('refuses a label that is empty or not plain text, naming --label', async () => {
    for (const label of ['', '   ', 'Ekonom\u202Eredro', 'rad\ttvå']) {
      const out = await token(['create', '--tenant', 'vaxjo', '--role', 'viewer', '--label', label]);
      expect(out.code, JSON.stringify(label)).toBe(2);
      expect(out.stderr).toContain('--label: must');
    }
  });

  it('documents the options in --help', async () => {
    const out = await token(['--help']);

    expect(out.code).toBe(0);
    for (const option of ['--table NAME', '--region REGION', '--endpoint URL']) expect(out.stdout).toContain(option);
  });
});
