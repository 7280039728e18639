/**
 * An error shown next to what caused it: the API's title and detail, and each field issue on its own line, named
 * where it is as the editor names it (issue-list.tsx), not by its raw path (`model.forms[2].dailyCost`).
 */
import { ApiError, NetworkError } from './api.js';
import { IssueList } from './editor/issue-list.js';
import { t } from './i18n/index.js';

export function ErrorMessage({
  error,
  id,
  lead,
  model,
  scenarios,
}: {
  error: unknown;
  id?: string;
  lead?: string;
  /** The model the request sent, which the issues' paths point into, so a form is named by its label. */
  model?: unknown;
  /** The request's scenarios, for issues of a scenario. */
  scenarios?: readonly unknown[];
}) {
  if (error == null) return null;
  const s = t();
  let text: string;
  let issues: { path: string; message: string }[] = [];
  if (error instanceof NetworkError) text = s.networkError;
  else if (error instanceof ApiError && error.status === 401) text = s.badToken;
  else if (error instanceof ApiError && error.status === 403) text = s.forbidden;
  else if (error instanceof ApiError) {
    text = lead && error.issues.length > 0 ? lead : [error.title, error.detail].filter(Boolean).join(': ');
    issues = error.issues;
  } else text = error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert" id={id}>
      <p>{text}</p>
      {issues.length > 0 && <IssueList model={model} issues={issues} scenarios={scenarios} />}
    </div>
  );
}
