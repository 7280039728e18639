/**
 * `npm run bench`: the reference model (baseline plus every option) on one worker and on all cores, with
 * trials and episodes per second, and the floor: the time this machine needs merely to draw as many uniforms
 * as the run drew. Two floors for the engine's own generator: drawing them all from one stream, and drawing
 * them as the engine does, where each episode's draw slot first keys its own sub-stream (common random
 * numbers); and, for comparison, drawing them from seedrandom's generators.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { runLocally } from '../functions/executors/local.js';
import { drawCounter, Stream } from '../simulation/rng.js';

const { values } = parseArgs({
  options: { trials: { type: 'string', default: '10000' }, model: { type: 'string', default: 'examples/reference-midsize.json' } },
});
const trials = Number(values.trials);
const model = JSON.parse(readFileSync(values.model as string, 'utf8'));
const cores = availableParallelism();
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function floorMs(n: number, draw: () => number): number {
  let acc = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) acc += draw();
  const ms = performance.now() - t;
  if (!(acc > 0)) throw new Error('unreachable: keeps the loop from being optimised away');
  return ms;
}

async function main(): Promise<void> {
  const scenarios = 1 + (model.options?.length ?? 0);
  console.log(
    `Model ${values.model}: ${scenarios} scenarios (baseline + ${scenarios - 1} options), ${model.horizonMonths} months, ${fmt(trials)} trials; ${cores} cores`,
  );

  // Warm-up so the one-worker figure measures steady-state code, not the JIT.
  await runLocally({ model, trials: Math.min(trials, 500), seed: 99 }, { workers: 1 });

  drawCounter.count = 0;
  drawCounter.keyed = 0;
  let t = performance.now();
  const one = await runLocally({ model, trials, seed: 1 }, { workers: 1 });
  const oneMs = performance.now() - t;
  const uniforms = drawCounter.count;
  const keyed = drawCounter.keyed;

  t = performance.now();
  const all = await runLocally({ model, trials, seed: 1 }, { workers: cores });
  const allMs = performance.now() - t;

  const stream = new Stream({ k0: 0x12345678, k1: 0x9abcdef0 });
  floorMs(1e6, () => stream.next());
  const floor = floorMs(uniforms, () => stream.next());
  let k = 0;
  const keyedFloor =
    floorMs(keyed, () => stream.resetChild(0x12345678, 0x9abcdef0, k++).next()) + floorMs(uniforms - keyed, () => stream.next());
  const alea = seedrandom.alea('1');
  const aleaMs = floorMs(uniforms, () => alea());
  const arc4 = seedrandom('1');
  const arc4Ms = floorMs(uniforms, () => arc4());

  const rows: [string, string][] = [
    ['one worker: wall time', `${fmt(oneMs / 1000, 2)} s`],
    ['one worker: trials per second', fmt(trials / (oneMs / 1000))],
    ['one worker: episodes per second', fmt(one.episodes / (oneMs / 1000))],
    [`${cores} workers: wall time`, `${fmt(allMs / 1000, 2)} s`],
    [`${cores} workers: trials per second`, fmt(trials / (allMs / 1000))],
    [`${cores} workers: episodes per second`, fmt(all.episodes / (allMs / 1000))],
    ['episodes simulated (all scenarios)', fmt(one.episodes)],
    ['uniforms drawn', fmt(uniforms)],
    ['  of which from a freshly keyed sub-stream', fmt(keyed)],
    ['floor: all from one stream of the engine generator', `${fmt(floor / 1000, 3)} s`],
    ['one worker / that floor', `${fmt(oneMs / floor, 1)} x`],
    ['floor: keyed as the engine draws them', `${fmt(keyedFloor / 1000, 3)} s`],
    ['one worker / that floor', `${fmt(oneMs / keyedFloor, 1)} x`],
    ['floor with seedrandom alea (for comparison)', `${fmt(aleaMs / 1000, 3)} s (ratio ${fmt(oneMs / aleaMs, 1)} x)`],
    ['floor with seedrandom ARC4 (for comparison)', `${fmt(arc4Ms / 1000, 3)} s (ratio ${fmt(oneMs / arc4Ms, 1)} x)`],
    ['same result on 1 and all workers', JSON.stringify(one.result) === JSON.stringify(all.result) ? 'yes' : 'NO'],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
}

await main();
