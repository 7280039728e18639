/**
 * The engine's issues as a list: each where it is in the editor's words (issue-place.ts) and its message in the
 * page's language. The editor's list of errors, the preview's and the year-end forecast's.
 */
import type { FieldIssue } from '../../../simulation/schema.js';
import { apiMessage } from '../i18n/api-messages.js';
import { lang, t } from '../i18n/index.js';
import { issuePlace } from './issue-place.js';

export function IssueList({
  model,
  issues,
  scenarios,
  class: className = 'issues',
  role,
}: {
  /** The model the paths point into, as typed (need not be valid). */
  model: unknown;
  issues: readonly FieldIssue[];
  /** The run's scenarios, for issues of a scenario. */
  scenarios?: readonly unknown[];
  class?: string;
  role?: 'alert';
}) {
  const s = t();
  return (
    <ul class={className} role={role}>
      {issues.map((i, k) => {
        const m = apiMessage(i.message, lang.value);
        return (
          <li key={k} data-path={i.path}>
            <strong>{issuePlace(model, i.path, scenarios) || s.edPathGeneral}</strong>:{' '}
            <span lang={m.lang === lang.value ? undefined : m.lang}>{m.text}</span>
          </li>
        );
      })}
    </ul>
  );
}
