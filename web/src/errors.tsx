/** An error shown next to what caused it: the API's title and detail, and each field issue on its own line. */
import { ApiError, NetworkError } from './api.js';
import { apiMessage } from './i18n/api-messages.js';
import { lang, t } from './i18n/index.js';

export function ErrorMessage({ error, id, lead }: { error: unknown; id?: string; lead?: string }) {
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
      {issues.length > 0 && (
        <ul class="issues">
          {issues.map((i) => {
            const m = apiMessage(i.message, lang.value);
            return (
              <li key={i.path + i.message}>
                {i.path && <code>{i.path}</code>} <span lang={m.lang === lang.value ? undefined : m.lang}>{m.text}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
