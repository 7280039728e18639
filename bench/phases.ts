/**
 * `npm run bench:phases [-- --trials N --rounds R --model FILE]`: where a trial's time goes. Plays the 4-scenario
 * run of `npm run bench:engine` and the reference run (the baseline and every option) on one thread, timing each
 * phase of every trial (TrialSimulator.runTrial's laps: the parameters, the arrivals, the sources' first draws,
 * each scenario) and the recording into the summaries (TrialRecorder.record and its last flush), and prints each
 * in microseconds a trial, the minimum over R rounds after a warm-up round. The timer adds a little to every
 * phase. Times are printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareRun, RunPartial, type PreparedRun } from '../simulation/index.js';
import { TrialRecorder } from '../simulation/partial.js';
import { rootKey } from '../simulation/rng.js';
import { TrialSimulator, type TrialPhase } from '../simulation/trial.js';
import { SCENARIOS_4 } from './scenarios.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    model: { type: 'string', default: 'examples/reference-midsize.json' },
  },
});
const trials = Number(values.trials);
const rounds = Number(values.rounds);
const model = JSON.parse(readFileSync(resolve(values.model as string), 'utf8'));

/** Milliseconds per phase over all trials: 'params', 'arrivals', 'sources', one per scenario, then 'record'. */
function timePhases(run: PreparedRun): Map<string, number> {
  const c = run.compiled;
  const sim = new TrialSimulator(c);
  const partial = new RunPartial(trials, c);
  const recorder = new TrialRecorder(c, partial, trials);
  const spent = new Map<string, number>();
  const add = (name: string, ms: number) => spent.set(name, (spent.get(name) ?? 0) + ms);
  const root = rootKey(1);
  let since = 0;
  const lap = (phase: TrialPhase) => {
    const now = performance.now();
    add(typeof phase === 'number' ? c.scenarios[phase].id : phase, now - since);
    since = now;
  };
  for (let t = 0; t < trials; t++) {
    since = performance.now();
    sim.runTrial(root, t, lap);
    const before = performance.now();
    recorder.record(sim.outcomes, sim.params, t, null);
    add('record', performance.now() - before);
  }
  const before = performance.now();
  recorder.flush();
  add('record', performance.now() - before);
  return spent;
}

function report(title: string, run: PreparedRun): void {
  timePhases(run);
  const all = Array.from({ length: rounds }, () => timePhases(run));
  const names = [...all[0].keys()];
  const best = names.map((name) => Math.min(...all.map((m) => m.get(name) ?? Infinity)));
  const total = best.reduce((a, b) => a + b, 0);
  const labels: Record<string, string> = {
    params: 'parameters (draws, monthly rates, price index)',
    arrivals: 'arrivals (generated, and ordered where places are limited)',
    sources: "the sources' ages, mixes and first stays",
    record: 'recording into the summaries',
  };
  const scenarioIds = new Set(run.compiled.scenarios.map((s) => s.id));
  const label = (name: string) => labels[name] ?? (scenarioIds.has(name) ? `playing ${name}` : name);
  const width = Math.max(...names.map((n) => label(n).length));
  console.log(`\n${title}: ${trials.toLocaleString('en-US')} trials, the minimum of ${rounds} rounds`);
  names.forEach((name, i) => {
    const us = ((best[i] / trials) * 1000).toFixed(1).padStart(7);
    console.log(`  ${label(name).padEnd(width)}  ${us} µs a trial  ${((100 * best[i]) / total).toFixed(1).padStart(5)} %`);
  });
  console.log(`  ${'in all'.padEnd(width)}  ${((total / trials) * 1000).toFixed(1).padStart(7)} µs a trial`);
}

console.log(`Model ${values.model}: where a trial's time goes, on one thread`);
report('4 scenarios', prepareRun({ model, scenarios: SCENARIOS_4, trials, seed: 1 }));
report(`${1 + model.options.length} scenarios`, prepareRun({ model, trials, seed: 1 }));
