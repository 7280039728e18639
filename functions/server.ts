/**
 * `npm start`: the app on this machine against DynamoDB Local, data kept in DATA_DIR; the page (web/dist) is built
 * first where it is missing. Runs left queued or running by a previous process are resumed (their stored chunks
 * are kept) or marked failed with a reason.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { buildPage, pageIsBuilt } from './build-page.js';
import { defaultWorkers } from './executors/local.js';
import { LocalExecutor } from './executors/local-executor.js';
import { openLocalStore, settingsFromEnv } from './local-services.js';
import { systemClock } from './store/port.js';

async function main(): Promise<void> {
  if (!pageIsBuilt()) {
    console.log('Bygger sidan / building the page (web/ -> web/dist) …');
    await buildPage();
  }
  const settings = settingsFromEnv();
  const { store, location, close } = await openLocalStore(settings, { reuse: false });
  const workers = defaultWorkers();
  // Merges on a pool thread with its own client, so a big run's merge never stalls the API.
  const executor = new LocalExecutor(store, systemClock, workers, { mergeStore: location });
  const app = createApp({ store, executor, clock: systemClock, workers });

  // Runs that were under way go first, then the queued ones in the order they came.
  const unfinished = (await store.listUnfinishedRuns()).sort(
    (a, b) => Number(b.status === 'running') - Number(a.status === 'running') || a.id.localeCompare(b.id),
  );
  for (const run of unfinished) await executor.start(run);
  if (unfinished.length > 0) console.log(`Återupptar ${unfinished.length} körning(ar) / resuming ${unfinished.length} run(s)`);

  const server = serve({ fetch: app.fetch, port: settings.port, hostname: process.env.HOST ?? '127.0.0.1' });
  console.log(`Placeringsprognos: http://localhost:${settings.port}/  (API /api/v1, docs /docs, data in ${settings.dataDir})`);

  const marker = join(settings.dataDir, '.initialised');
  if (!existsSync(marker)) {
    mkdirSync(settings.dataDir, { recursive: true });
    writeFileSync(marker, new Date().toISOString() + '\n');
    console.log(
      '\nFörsta start / first start. Skapa en token så här / create a token like this:\n  npm run token -- create --tenant vaxjo --role admin\n',
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stänger / shutting down`);
    server.close();
    await executor.close().catch(() => undefined);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`Kunde inte starta / could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
