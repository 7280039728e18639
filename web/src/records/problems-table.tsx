/** Bad rows with their row and column, as the command line lists them, the parser's messages in the page's language. */
import type { RecordProblem } from '../../../simulation/calibration/records.js';
import { lang, t } from '../i18n/index.js';
import { recordMessage } from '../i18n/record-messages.js';

export function ProblemsTable({ problems, name }: { problems: RecordProblem[]; name: string }) {
  const s = t();
  return (
    <table class="problems" data-table={name}>
      <thead>
        <tr>
          <th scope="col" class="num">
            {s.recColRow}
          </th>
          <th scope="col">{s.recColColumn}</th>
          <th scope="col">{s.recColMessage}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => {
          const m = recordMessage(p.message, lang.value);
          return (
            <tr key={i}>
              <td class="num">{p.row}</td>
              <td>
                <code>{p.column || '–'}</code>
              </td>
              <td lang={m.lang}>{m.text}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
