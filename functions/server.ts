/**
 * `npm start`: the app on this machine against DynamoDB Local, data kept in DATA_DIR; the page (web/dist) is built
 * first where it is missing. The server listens at once; DynamoDB Local starts under a supervisor that restarts
 * it when it dies (/health says what the store is doing meanwhile), and runs left queued or running by a previous
 * process, or by an outage of DynamoDB Local, are resumed in the background from their stored chunks, found
 * through the unfinished-runs index, so start-up costs the same whatever the table holds.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.js';
import { buildPage, pageIsBuilt } from './build-page.js';
import { serverWorkers } from './executors/local.js';
import { LocalExecutor } from './executors/local-executor.js';
import { listenApp } from './http/node-server.js';
import { settingsFromEnv, supervisedLocalStore } from './local-services.js';
import type { ReadCount } from './store/client.js';
import { systemClock, type RunRecord, type Store } from './store/port.js';

/**
 * Unfinished runs are also looked up this often while the store is up: the executor gives up on a run whose
 * store writes failed during an outage, and a resume that came while it was still giving up was a no-op (start()
 * dedupes a run it holds). One query of the index and a get per unfinished run; start() ignores runs under way.
 */
const RESUME_SWEEP_MS = 30_000;
/** A server killed a moment ago may still hold the HTTP port while it is being torn down. */
const HTTP_PORT_WAIT_MS = 5_000;

async function main(): Promise<void> {
  const began = performance.now();
  if (!pageIsBuilt()) {
    console.log('Bygger sidan / building the page (web/ -> web/dist) …');
    await buildPage();
  }
  const settings = settingsFromEnv();
  // Start-up's requests (the table setup, the listing of unfinished runs): their number must not grow with the data.
  const count: ReadCount = { requests: 0, items: 0 };
  const resume = async (why: 'start' | 'restart' | 'sweep'): Promise<void> => {
    try {
      // Start-up's listing is counted on a client of its own, so that the count is start-up's alone.
      const own = why === 'start' ? counted(count) : null;
      const unfinished = await listUnfinished(own?.store ?? store).finally(() => own?.destroy());
      if (why === 'start') {
        const ms = Math.round(performance.now() - began);
        console.log(`Uppstart klar / start-up done in ${ms} ms: ${count.requests} DynamoDB requests, ${count.items} items read`);
      }
      if (why !== 'sweep' && unfinished.length > 0)
        console.log(`Återupptar ${unfinished.length} körning(ar) / resuming ${unfinished.length} run(s)`);
      for (const run of unfinished) await executor.start(run);
    } catch (e) {
      // The store went away again: the next restart or sweep tries once more.
      console.error(`Kunde inte återuppta körningar / could not resume runs (${why}): ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const { store, location, supervisor, counted, close } = supervisedLocalStore(settings, {
    count,
    onRestarted: () => void resume('restart'),
  });
  const workers = serverWorkers();
  // Merges on a pool thread with its own client, so a big run's merge never stalls the API.
  const executor = new LocalExecutor(store, systemClock, workers, { mergeStore: location });
  const app = createApp({ store, executor, clock: systemClock, workers, storeStatus: () => supervisor.status() });

  const hostname = process.env.HOST ?? '127.0.0.1';
  const server = await listenApp(app, { port: settings.port, hostname, waitMs: HTTP_PORT_WAIT_MS });
  console.log(`Placeringsprognos: http://localhost:${settings.port}/  (API /api/v1, docs /docs, data in ${settings.dataDir})`);

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

  try {
    await supervisor.start();
  } catch (e) {
    console.error(`Kunde inte starta / could not start: ${e instanceof Error ? e.message : String(e)}`);
    server.close();
    await executor.close().catch(() => undefined);
    process.exit(1);
  }
  void resume('start');
  setInterval(() => {
    if (supervisor.ready()) void resume('sweep');
  }, RESUME_SWEEP_MS).unref();

  const marker = join(settings.dataDir, '.initialised');
  if (!existsSync(marker)) {
    mkdirSync(settings.dataDir, { recursive: true });
    writeFileSync(marker, new Date().toISOString() + '\n');
    console.log(
      '\nFörsta start / first start. Skapa en token så här / create a token like this:\n  npm run token -- create --tenant vaxjo --role admin\n',
    );
  }
}

/**
 * Every queued or running run, found through the unfinished-runs index (never a scan), in the order to resume
 * them: the ones under way first, then the queued ones in the order they came.
 */
async function listUnfinished(store: Store): Promise<RunRecord[]> {
  return (await store.listUnfinishedRuns()).sort(
    (a, b) => Number(b.status === 'running') - Number(a.status === 'running') || a.id.localeCompare(b.id),
  );
}

main().catch((e: unknown) => {
  console.error(`Kunde inte starta / could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
