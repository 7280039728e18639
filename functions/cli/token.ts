/**
 * `npm run token -- create --tenant NAME --role ROLE [--label TEXT]` prints a new token as its last line;
 * `npm run token -- list --tenant NAME`; `npm run token -- revoke --tenant NAME --token-id ID`.
 * Uses the running server's DynamoDB Local when there is one, else opens the data directory itself.
 */
import { parseArgs } from 'node:util';
import { createToken, TENANT_PATTERN } from '../auth/tokens.js';
import { openLocalStore, settingsFromEnv } from '../local-services.js';
import { ROLES, type Role } from '../store/port.js';

const USAGE = `Användning / usage:
  npm run token -- create --tenant NAME --role viewer|editor|admin [--label TEXT]
  npm run token -- list   --tenant NAME
  npm run token -- revoke --tenant NAME --token-id ID
Settings: DDB_PORT (default 8000), DATA_DIR (default .data), as for npm start.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: { tenant: { type: 'string' }, role: { type: 'string' }, label: { type: 'string' }, 'token-id': { type: 'string' } },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!['create', 'list', 'revoke'].includes(command ?? ''))
    throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  const tenant = String(values.tenant ?? '');
  if (!TENANT_PATTERN.test(tenant)) throw new UsageError('--tenant: use 1-40 characters a-z, 0-9 and "-", starting with a letter or digit');
  const role = values.role as Role | undefined;
  if (command === 'create' && !ROLES.includes(role as Role)) throw new UsageError('--role: must be viewer, editor or admin');
  if (command === 'revoke' && !values['token-id']) throw new UsageError('--token-id: is required');

  const { store, close } = await openLocalStore(settingsFromEnv(), { reuse: true });
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
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`Fel / error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
