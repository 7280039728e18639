/** Picking the records file: a file input, or a file dropped on the box around it. Read in the page only. */
import { useState } from 'preact/hooks';
import { fmt, t } from '../i18n/index.js';
import { hexByte } from '../../../simulation/utf8.js';
import { NotUtf8File, pickedFile, readPicked, WorkbookFile } from './picked-file.js';

export function FilePicker({ onPicked }: { onPicked?: () => void }) {
  const s = t();
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      pickedFile.value = await readPicked(file);
      setError(null);
      onPicked?.();
    } catch (e) {
      pickedFile.value = null;
      setError(
        e instanceof WorkbookFile
          ? s.recWorkbook
          : e instanceof NotUtf8File
            ? s.recNotUtf8(hexByte(e.byte), fmt.count(e.line))
            : s.recNotText,
      );
    }
  };
  const picked = pickedFile.value;
  return (
    <div
      class={`drop-zone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer?.files[0]);
      }}
    >
      <label for="records-file">{s.recFileLabel}</label>
      <input
        id="records-file"
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        aria-describedby="records-file-help"
        onChange={(e) => void take((e.target as HTMLInputElement).files?.[0])}
      />
      <p class="drop-hint" aria-hidden="true">
        {over ? s.recDropActive : s.recDrop}
      </p>
      <p class="help" id="records-file-help">
        {s.recFileHelp}
      </p>
      <div aria-live="polite">
        {picked && (
          <p class="picked" data-field="picked">
            {s.recPicked(picked.name, fmt.decimal(Math.round(picked.size / 100) / 10))}
          </p>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

export function PrivacyNote() {
  const s = t();
  return (
    <div class="privacy" data-field="privacy">
      <p>
        <strong>{s.recPrivacy}</strong>
      </p>
      <p class="help">{s.recPrivacyHelp}</p>
    </div>
  );
}
