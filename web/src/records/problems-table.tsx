/** Bad rows with their row and column, as the command line lists them (messages from the parser, in English). */
import type { RecordProblem } from '../../../simulation/calibration/records.js';
import { t } from '../i18n/index.js';

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
        {problems.map((p, i) => (
          <tr key={i}>
            <td class="num">{p.row}</td>
            <td>
              <code>{p.column || '–'}</code>
            </td>
            <td lang="en">{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
