/** A run in words: when it started, the options it compared, its status and why it failed. */
import type { ModelVersion, RunStatus } from '../api.js';
import { fmt, lang, t } from '../i18n/index.js';

/** Date and time of a run, "14 maj 2026 10:32". */
export function runWhen(iso: string): string {
  return new Intl.DateTimeFormat(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/**
 * The labels of the options each scenario of the run used, from the model version it ran. A run that named no
 * scenarios compared every option of that version, each on its own.
 */
export function optionLabels(run: RunStatus, version: ModelVersion | undefined): string[] {
  const options = version?.model.options ?? [];
  const labelOf = (o: string | { id: string; label: string }) =>
    typeof o === 'string' ? (options.find((x) => x.id === o)?.label ?? o) : o.label;
  if (!run.scenarios) return options.map((o) => o.label);
  return run.scenarios.map((sc) => sc.options.map(labelOf).join(' + ') || sc.label);
}

/** The ids of the options a run used, to tick them again when it is reopened. */
export function optionIds(run: RunStatus, version: ModelVersion): string[] {
  if (!run.scenarios) return (version.model.options ?? []).map((o) => o.id);
  return run.scenarios.flatMap((sc) => sc.options.map((o) => (typeof o === 'string' ? o : o.id)));
}

/** The server's reason in the page's language: its known forms are translated, the details kept. */
export function failureText(error: string | undefined): string {
  const s = t();
  const known: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^the saved model or scenarios are no longer valid: ([^]*)$/, (m) => s.runsReasonInvalid + m[1]],
    [/^the run stopped on an internal error; reference (\S+)$/, (m) => s.runsReasonReference(m[1])],
    [/^the run took longer than its time limit of (.+?) and was stopped\b/, (m) => s.runsReasonTimeLimit(m[1])],
    // Runs that failed before references were given kept the internal message.
    [/^the run stopped on an internal error: ([^]*)$/, (m) => s.runsReasonInternal + m[1]],
  ];
  const reason = error ?? '';
  for (const [pattern, here] of known) {
    const m = pattern.exec(reason);
    if (m) return here(m);
  }
  return reason;
}

export function statusText(run: RunStatus): string {
  const s = t();
  switch (run.status) {
    case 'queued':
      return s.runsStatusQueued;
    case 'running':
      return s.runsStatusRunning(fmt.percent(run.progress.trials > 0 ? run.progress.trialsDone / run.progress.trials : 0));
    case 'succeeded':
      return s.runsStatusSucceeded;
    case 'failed':
      return s.runFailed(failureText(run.error));
    case 'cancelled':
      return s.runsStatusCancelled;
  }
}
