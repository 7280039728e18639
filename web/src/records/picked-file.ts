/**
 * The records file the controller picked, kept in this tab's memory only (never in storage, never sent), so
 * the calibration and the backtest screens work on the same file without picking it twice.
 */
import { signal } from '@preact/signals';

export interface PickedFile {
  name: string;
  size: number;
  text: string;
}

export const pickedFile = signal<PickedFile | null>(null);

/** Reads the file in the page; UTF-8, as the command line reads it (a byte-order mark is dropped by the parser). */
export async function readPicked(file: File): Promise<PickedFile> {
  return { name: file.name, size: file.size, text: await file.text() };
}
