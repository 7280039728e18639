/**
 * The text equivalent of a chart: its numbers as a table, folded under the chart so a screen reader, a keyboard
 * user or a reader who wants the figures gets the same content as the picture.
 */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/index.js';

export interface ChartColumn {
  header: string;
  /** Numbers align right. */
  numeric?: boolean;
}

export function ChartTable({
  caption,
  columns,
  rows,
  name,
}: {
  caption: string;
  columns: ChartColumn[];
  /** One row per line; the first cell is the row's header. */
  rows: ComponentChildren[][];
  name: string;
}) {
  const s = t();
  return (
    <details class="chart-table" data-table={name}>
      <summary>{s.showAsTable}</summary>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j} class={columns[j]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
