/** A field's own issues from the engine's validation, in the page's language, tied to its input by id. */
import { apiMessage } from '../i18n/api-messages.js';
import { lang } from '../i18n/index.js';
import { useDraft } from './context.js';
import { pathText, type Path } from './path.js';

export function useIssues(path: Path, extra: string[] = []): string[] {
  const draft = useDraft();
  const keys = [pathText(path), ...extra];
  return keys.flatMap((k) => draft.issuesAt(k).map((i) => i.message));
}

export function FieldMessages({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p class="field-error" id={id}>
      {messages.map((m, i) => {
        const said = apiMessage(m, lang.value);
        return (
          <span key={i} lang={said.lang === lang.value ? undefined : said.lang}>
            {i > 0 ? ' · ' : ''}
            {said.text}
          </span>
        );
      })}
    </p>
  );
}

/** aria-describedby of an input: its help and, when it has any, its messages. */
export function describedBy(ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list === '' ? undefined : list;
}

/** What follows a plain field's input: its help (`<id>-help`) and its messages (`<id>-err`). */
export function FieldNotes({ id, help, messages }: { id: string; help?: string; messages: string[] }) {
  return (
    <>
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <FieldMessages id={`${id}-err`} messages={messages} />
    </>
  );
}

/** aria-describedby of a plain field, for the ids FieldNotes gives. */
export const fieldDescribedBy = (id: string, help: string | undefined, messages: string[]) =>
  describedBy([help && `${id}-help`, messages.length > 0 && `${id}-err`]);
