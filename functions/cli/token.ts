/**
 * `npm run token -- create --tenant NAME --role ROLE [--label TEXT]` prints a new token as its last line;
 * `npm run token -- list --tenant NAME`; `npm run token -- revoke --tenant NAME --token-id ID`.
 * Uses the running server's DynamoDB Local when there is one, else opens the data directory itself; with
 * `--table` it works on that table instead (the cloud's, credentials from the usual AWS chain), which it never
 * creates: the stack owns it.
 */
import { parseArgs } from 'node:util';
import { createToken, TENANT_PATTERN } from '../auth/tokens.js';
import { openLocalStore, settingsFromEnv } from '../local-services.js';
import { createDynamoClient } from '../store/client.js';
import { DynamoStore } from '../store/dynamo.js';
import { ROLES, type Role, type Store } from '../store/port.js';
import { endQuietlyWhenOutputCloses } from './closed-output.js';
import { TokenLabel } from '../http/schemas.js';

const USAGE = `Användning / usage:
  npm run token -- create --tenant NAME --role viewer|editor|admin [--label TEXT]
  npm run token -- list   --tenant NAME
  npm run token -- revoke --tenant NAME --token-id ID
Options for any command:
  --table NAME      the table in AWS (the stack's), instead of this machine's DynamoDB Local;
                    credentials from the usual AWS chain (AWS_PROFILE, environment, SSO, instance role)
  --region REGION   the table's region (default: the configured one, AWS_REGION or the profile's)
  --endpoint URL    with --table: a DynamoDB at this address instead (DynamoDB Local, for trying it out)
  --help            this text
Without --table: DDB_PORT (default 8000), DATA_DIR (default .data), as for npm start.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        tenant: { type: 'string' },
        role: { type: 'string' },
        label: { type: 'string' },
        'token-id': { type: 'string' },
        table: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help || command === '--help' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (!['create', 'list', 'revoke'].includes(command ?? ''))
    throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  const tenant = String(values.tenant ?? '');
  if (!TENANT_PATTERN.test(tenant)) throw new UsageError('--tenant: use 1-40 characters a-z, 0-9 and "-", starting with a letter or digit');
  const role = values.role as Role | undefined;
  if (command === 'create' && !ROLES.includes(role as Role)) throw new UsageError('--role: must be viewer, editor or admin');
  if (command === 'revoke' && !values['token-id']) throw new UsageError('--token-id: is required');
  if (values.label !== undefined) {
    const label = TokenLabel.safeParse(values.label);
    if (!label.success) throw new UsageError(`--label: ${label.error.issues[0].message}`);
  }
  if (values.table === '') throw new UsageError('--table: give the table name');
  if (values.table === undefined && (values.region !== undefined || values.endpoint !== undefined))
    throw new UsageError('--region and --endpoint: only with --table');

  const { store, close } = values.table
    ? openTable(String(values.table), values.region as string | undefined, values.endpoint as string | undefined)
    : await openLocalStore(settingsFromEnv(), { reuse: true });
  try {
    if (command === 'create') {
      const { token, record } = await createToken(store, tenant, role as Role, new Date(), values.label as string | undefined);
      console.log(`Token för / for ${tenant} (${record.role}), id ${record.tokenId}. Visas bara nu / shown only now:`);
      console.log(token);
    } else if (command === 'list') {
      for (const t of await store.listTokens(tenant))
        console.log(`${t.tokenId}\t${t.role}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\t${t.label ?? ''}`);
    } else {
      const ok = await store.revokeToken(tenant, String(values['token-id']), new Date().toISOString());
      if (!ok) throw new UsageError(`--token-id: no token ${values['token-id']} in tenant ${tenant}`);
      console.log(`Återkallad / revoked: ${values['token-id']}`);
    }
  } catch (e) {
    // The SDK's own words ("Requested resource not found") do not say which table or region was asked.
    if (!values.table || e instanceof UsageError) throw e;
    const where = `${String(values.table)}${values.endpoint ? ` at ${String(values.endpoint)}` : values.region ? ` in ${String(values.region)}` : ''}`;
    throw new Error(`table ${where}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    await close();
  }
}

/** A table that exists already (the cloud's): opened, never created. */
function openTable(table: string, region?: string, endpoint?: string): { store: Store; close(): Promise<void> } {
  const client = createDynamoClient(endpoint, { region });
  return {
    store: new DynamoStore(client, table),
    close: async () => client.destroy(),
  };
}

endQuietlyWhenOutputCloses();
main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`Fel / error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
