/**
 * What both records screens show when the worker made nothing: the bad rows with their row and column, or the
 * reason the records were refused or the computation failed. Null for an answer that has a result.
 */
import { fmt, t } from '../i18n/index.js';
import { ProblemsTable } from './problems-table.js';
import type { RecordsResponse } from './protocol.js';

export function Refusal({ answer }: { answer: RecordsResponse }) {
  const s = t();
  if (answer.kind === 'badRows') {
    return (
      <section class="card bad-rows" aria-labelledby="bad-rows-title">
        <div class="error" role="alert">
          <p id="bad-rows-title">{s.recBadRowsTitle(fmt.count(answer.count))}</p>
        </div>
        <p class="help">{s.recBadRowsHelp}</p>
        <ProblemsTable problems={answer.problems} name="bad-rows" />
      </section>
    );
  }
  if (answer.kind === 'refused' || answer.kind === 'failed') {
    return (
      <div class="error" role="alert">
        <p>
          {answer.kind === 'refused' ? s.recRefused : s.recFailed} <span lang="en">{answer.message}</span>
        </p>
      </div>
    );
  }
  return null;
}
