/** A typed array of the same kind, `length` long, starting with a copy of `a`: how the trial's buffers grow. */
export function grown<T extends Int32Array | Uint32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
