/**
 * The records file the controller picked, kept in this tab's memory only (never in storage, never sent), so
 * the calibration and the backtest screens work on the same file without picking it twice.
 */
import { signal } from '@preact/signals';
import { decodeUtf8, hexByte } from '../../../simulation/utf8.js';

export interface PickedFile {
  name: string;
  size: number;
  text: string;
}

export const pickedFile = signal<PickedFile | null>(null);

/** An Excel workbook rather than its CSV export: the command line reads no .xlsx, and neither does the page. */
export class WorkbookFile extends Error {}

/** A file in another encoding than UTF-8 (a Windows-1252 export), refused as the command line refuses it. */
export class NotUtf8File extends Error {
  constructor(
    readonly byte: number,
    readonly line: number,
  ) {
    super(`not UTF-8 (byte ${hexByte(byte)} on line ${line})`);
  }
}

/**
 * Reads the file in the page; strictly UTF-8, as the command line reads it (a byte-order mark is dropped), so a
 * Windows-1252 export is refused rather than read with U+FFFD in place of å, ä and ö.
 */
export async function readPicked(file: File): Promise<PickedFile> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  // Both .xlsx (a zip: "PK\3\4") and the old .xls (OLE2: D0 CF 11 E0) would read as a screen of garbage.
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (zip || ole) throw new WorkbookFile(file.name);
  const decoded = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) throw new NotUtf8File(decoded.byte, decoded.line);
  return { name: file.name, size: file.size, text: decoded.text };
}
