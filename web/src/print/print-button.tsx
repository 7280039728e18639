/** Prints the committee paper: the browser's own print, with the print stylesheet (styles.css, "Print"). */
import { t } from '../i18n/index.js';

export function PrintButton() {
  const s = t();
  return (
    <p class="print-action">
      <button type="button" class="secondary" aria-describedby="print-help" onClick={() => window.print()}>
        {s.paperPrint}
      </button>
      <span class="help" id="print-help">
        {s.paperPrintHelp}
      </span>
    </p>
  );
}
