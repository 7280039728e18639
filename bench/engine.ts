/**
 * `npm run bench:engine [-- --trials N --rounds R --baseline-dir DIR --model FILE]`, six parts:
 * 1. the current engine against the old one at commit e68f08c (a worktree beside this one): whole processes of
 *    each tree's command line, 4 scenarios, one worker, old and new in turn R times, the median ratio old/new,
 *    and whether the two JSON outputs are byte for byte the same;
 * 2. and 3. in this process on one worker, the 4-scenario run and the reference run (baseline plus every option):
 *    episodes per second, and the floor: the time this machine needs merely to draw as many uniforms as the run
 *    drew, from one stream of the engine's generator, as the engine draws them (each episode's draw slot first
 *    keys its own sub-stream), and, for comparison, from seedrandom's generators;
 * 4. the 4-scenario run on all cores, against one worker;
 * 5. 2,000 trials of the reference run on one worker, the median of 5 runs after a warm-up;
 * 6. what each target leaves for a trial against the floor of the trial's episodes alone: the episodes the engine
 *    plays (the baseline's and the options' replays) at the cost of bench/episode-floor.ts's minimal loop.
 * Fixed seeds; times are printed, never asserted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { runLocally } from '../functions/executors/local.js';
import { prepareRun, type RunInput } from '../simulation/index.js';
import { drawCounter, rootKey, Stream } from '../simulation/rng.js';
import { TrialSimulator } from '../simulation/trial.js';
import { episodeFloor } from './episode-floor.js';
import { SCENARIOS_4 } from './scenarios.js';

const OLD_COMMIT = 'e68f08c';
const SMALL_TRIALS = 2000;
const SMALL_TARGET_S = 0.5;

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
    'baseline-dir': { type: 'string' },
    model: { type: 'string', default: 'examples/reference-midsize.json' },
  },
});
const trials = Number(values.trials);
const rounds = Number(values.rounds);
const modelFile = resolve(values.model as string);
const model = JSON.parse(readFileSync(modelFile, 'utf8'));
const cores = availableParallelism();
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const sec = (ms: number, d = 2) => `${fmt(ms / 1000, d)} s`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

function table(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
}

// ---- 1. whole processes: the current tree's command line against the old tree's ----

function git(args: string[], cwd = process.cwd()): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The old tree: --baseline-dir, else ../pp-e68f08c, else an existing worktree at the commit; created when missing. */
function oldTree(root: string, sha: string): string {
  let dir = values['baseline-dir'] === undefined ? undefined : resolve(values['baseline-dir']);
  if (dir === undefined) {
    dir = resolve(root, '..', `pp-${OLD_COMMIT}`);
    const listed = git(['worktree', 'list', '--porcelain']).split('\n\n');
    const other = listed.find((w) => w.includes(`\nHEAD ${sha}`))?.match(/^worktree (.*)$/m)?.[1];
    if (!existsSync(dir) && other !== undefined) dir = other;
  }
  if (!existsSync(dir)) {
    console.log(`  creating the old tree: git worktree add --detach ${dir} ${OLD_COMMIT}`);
    git(['worktree', 'add', '--detach', dir, OLD_COMMIT], root);
  } else console.log(`  old tree: ${dir} (exists)`);
  const head = git(['rev-parse', 'HEAD'], dir);
  if (head !== sha) throw new Error(`${dir} is at ${head.slice(0, 7)}, not ${OLD_COMMIT}`);
  if (!existsSync(join(dir, 'node_modules'))) {
    const target = realpathSync(join(root, 'node_modules'));
    console.log(`  linking ${join(dir, 'node_modules')} -> ${target}`);
    symlinkSync(target, join(dir, 'node_modules'), 'dir');
  }
  return dir;
}

/** Wall time of one whole process; npm's variables are dropped so npm and npx work from `cwd`'s own package. */
function timeProcess(cmd: string, args: string[], cwd: string): number {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^INIT_CWD$/.test(k)));
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${r.error?.message ?? r.stderr}`);
  return ms;
}

/** Part 1; returns the old engine's median time, or null when it was skipped. */
function compareWithOld(): number | null {
  console.log(
    `\n1. Current engine against ${OLD_COMMIT}: whole processes of each tree's command line, 4 scenarios, 1 worker, ${fmt(trials)} trials`,
  );
  let root: string, sha: string;
  try {
    root = git(['rev-parse', '--show-toplevel']);
  } catch (e) {
    console.log(`  skipped: git is not available here (${(e as Error).message.split('\n')[0]})`);
    return null;
  }
  try {
    sha = git(['rev-parse', '--verify', `${OLD_COMMIT}^{commit}`]);
  } catch {
    console.log(`  skipped: commit ${OLD_COMMIT} is not in this repository`);
    return null;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  try {
    const dir = oldTree(root, sha);
    writeFileSync(join(tmp, 'scenarios.json'), JSON.stringify(SCENARIOS_4));
    const cli = (out: string) => [
      ...['--model', modelFile, '--scenarios', join(tmp, 'scenarios.json'), '--trials', String(trials)],
      ...['--workers', '1', '--format', 'json', '--out', join(tmp, out)],
    ];
    const rows = [['', 'old', 'new', 'old/new']];
    const ratios: number[] = [];
    const olds: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const oldMs = timeProcess('npx', ['tsx', 'functions/cli/simulate.ts', ...cli('old.json')], dir);
      const newMs = timeProcess('npm', ['run', '--silent', 'simulate', '--', ...cli('new.json')], root);
      ratios.push(oldMs / newMs);
      olds.push(oldMs);
      rows.push([`round ${r}`, sec(oldMs), sec(newMs), `${fmt(oldMs / newMs, 2)} x`]);
    }
    rows.push(['median ratio old/new', '', '', `${fmt(median(ratios), 2)} x`]);
    table(rows);
    const same = readFileSync(join(tmp, 'old.json')).equals(readFileSync(join(tmp, 'new.json')));
    console.log(`  same numbers: ${same ? 'yes' : 'NO'} (the two JSON outputs byte for byte)`);
    return median(olds);
  } catch (e) {
    console.log(`  skipped: ${(e as Error).message}`);
    return null;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---- 2. to 5. in this process ----

function floorMs(n: number, draw: () => number): number {
  let acc = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) acc += draw();
  const ms = performance.now() - t;
  if (!(acc > 0)) throw new Error('unreachable: keeps the loop from being optimised away');
  return ms;
}

/** One run on one worker in this thread, with the uniforms it drew and the floors for drawing as many. */
async function measured(scenarios: unknown) {
  drawCounter.count = 0;
  drawCounter.keyed = 0;
  const t = performance.now();
  const out = await runLocally({ model, scenarios, trials, seed: 1 }, { workers: 1 });
  const ms = performance.now() - t;
  const { count: uniforms, keyed } = drawCounter;
  const stream = new Stream({ k0: 0x12345678, k1: 0x9abcdef0 });
  floorMs(1e6, () => stream.next());
  const floor = floorMs(uniforms, () => stream.next());
  let k = 0;
  const keyedFloor =
    floorMs(keyed, () => stream.resetChild(0x12345678, 0x9abcdef0, k++).next()) + floorMs(uniforms - keyed, () => stream.next());
  const alea = seedrandom.alea('1');
  const arc4 = seedrandom('1');
  return { ms, out, uniforms, keyed, floor, keyedFloor, alea: floorMs(uniforms, () => alea()), arc4: floorMs(uniforms, () => arc4()) };
}

async function main(): Promise<void> {
  const options = model.options?.length ?? 0;
  console.log(`Model ${values.model}: ${model.horizonMonths} months, ${options} options, ${fmt(trials)} trials; ${cores} cores`);
  const oldMs = compareWithOld();

  // Warm-up so the one-worker figures measure steady-state code, not the JIT.
  await runLocally({ model, trials: Math.min(trials, 500), seed: 99 }, { workers: 1 });
  const four = await measured(SCENARIOS_4);
  const seven = await measured(undefined);
  console.log(`\n2. and 3. One worker in this process, ${fmt(trials)} trials, and the floor: drawing as many uniforms`);
  const both = (f: (m: typeof four) => string) => [f(four), f(seven)];
  table([
    ['', '4 scenarios', `${1 + options} scenarios`],
    ['wall time', ...both((m) => sec(m.ms))],
    ['trials per second', ...both((m) => fmt(trials / (m.ms / 1000)))],
    ['episodes (what the results cover)', ...both((m) => fmt(m.out.episodes))],
    ['episodes per second', ...both((m) => fmt(m.out.episodes / (m.ms / 1000)))],
    ['uniforms drawn', ...both((m) => fmt(m.uniforms))],
    ['  of which from a freshly keyed sub-stream', ...both((m) => fmt(m.keyed))],
    ['floor: all from one stream of the engine generator', ...both((m) => sec(m.floor, 3))],
    ['  wall time / that floor', ...both((m) => `${fmt(m.ms / m.floor, 1)} x`)],
    ['floor: keyed as the engine draws them', ...both((m) => sec(m.keyedFloor, 3))],
    ['  wall time / that floor', ...both((m) => `${fmt(m.ms / m.keyedFloor, 1)} x`)],
    ['floor with seedrandom alea (for comparison)', ...both((m) => `${sec(m.alea, 3)} (${fmt(m.ms / m.alea, 1)} x)`)],
    ['floor with seedrandom ARC4 (for comparison)', ...both((m) => `${sec(m.arc4, 3)} (${fmt(m.ms / m.arc4, 1)} x)`)],
  ]);

  let t = performance.now();
  const all = await runLocally({ model, scenarios: SCENARIOS_4, trials, seed: 1 }, { workers: cores });
  const allMs = performance.now() - t;
  console.log(`\n4. The 4-scenario run on all ${cores} cores, ${fmt(trials)} trials`);
  table([
    ['wall time', sec(allMs)],
    ['episodes per second', fmt(all.episodes / (allMs / 1000))],
    ['one worker / all workers', `${fmt(four.ms / allMs, 2)} x`],
    ['same result on 1 and all workers', JSON.stringify(four.out.result) === JSON.stringify(all.result) ? 'yes' : 'NO'],
  ]);

  const small = { model, trials: SMALL_TRIALS, seed: 1 };
  await runLocally(small, { workers: 1 });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await runLocally(small, { workers: 1 });
    times.push(performance.now() - t);
  }
  console.log(`\n5. ${fmt(SMALL_TRIALS)} trials x ${1 + options} scenarios, one worker in this process, after a warm-up`);
  table([
    ['5 runs', times.map((ms) => sec(ms, 3)).join(', ')],
    ['median', `${sec(median(times), 3)} (target: under ${SMALL_TARGET_S} s)`],
  ]);

  // ---- 6. what the targets leave for a trial, against its episodes' floor ----
  const compiled = prepareRun({ model, trials: 1, seed: 1 }).compiled;
  const floor = episodeFloor(compiled, 2_000_000);
  const base = playedPerTrial(SCENARIOS_4.slice(0, 1));
  const cost = (played: number) => (base * floor.firstNs + (played - base) * floor.replayNs) / 1000;
  const p4 = playedPerTrial(SCENARIOS_4);
  const p7 = playedPerTrial(undefined);
  const us = (x: number) => `${fmt(x, 0)} µs`;
  const share = (budget: number, played: number) => `${us(budget)} (episodes' floor ${fmt((100 * cost(played)) / budget, 0)} %)`;
  console.log(`\n6. What the targets leave for a trial, against the floor of its episodes alone (bench/episode-floor.ts)`);
  table([
    ['', '4 scenarios', `${1 + options} scenarios`],
    ['episodes played a trial: the baseline + replayed', `${fmt(base)} + ${fmt(p4 - base)}`, `${fmt(base)} + ${fmt(p7 - base)}`],
    ['floor: an episode played first / replayed', `${fmt(floor.firstNs, 0)} / ${fmt(floor.replayNs, 0)} ns`, ''],
    ["floor of a trial's episodes, nothing else", us(cost(p4)), us(cost(p7))],
    ['the engine now, a trial (parts 2 and 3)', us((four.ms / trials) * 1000), us((seven.ms / trials) * 1000)],
    ['target 1, e68f08c / 5 (part 1, whole process)', oldMs === null ? 'n/a' : share(((oldMs / 5) * 1000) / trials, p4), ''],
    ['target 2, 3 x the keyed floor (part 3)', '', share((3 * seven.keyedFloor * 1000) / trials, p7)],
    [`target 3, ${SMALL_TARGET_S} s for ${fmt(SMALL_TRIALS)} trials (part 5)`, '', share((SMALL_TARGET_S * 1e6) / SMALL_TRIALS, p7)],
  ]);
}

/** Episodes actually played a trial, over 200 trials of the run with these scenarios. */
function playedPerTrial(scenarios: unknown): number {
  const TRIALS = 200;
  const sim = new TrialSimulator(prepareRun({ model, scenarios, trials: TRIALS, seed: 1 } as RunInput).compiled);
  const root = rootKey(1);
  for (let t = 0; t < TRIALS; t++) sim.runTrial(root, t);
  return sim.played / TRIALS;
}

await main();
