// Rough heap bytes of what a checkpoint keeps, so that a cache holding checkpoints can be
// bounded in bytes: exact figures would cost more than the bound saves.

/** A cycle with its periods, fired levels and a reference to its outcome fields. */
export const CYCLE_BYTES = 600;

/** What applying an event leaves behind besides its text (copied fields, a period). */
export const EVENT_BYTES = 96;

/** Rough bytes of the text in a value such as changed fields; walks it without recursion. */
export function textBytes(value: unknown): number {
  let sum = 0;
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') sum += 2 * next.length;
    else if (next === null || typeof next !== 'object') sum += 8;
    else
      for (const [key, inner] of Object.entries(next)) {
        sum += 16 + 2 * key.length;
        stack.push(inner);
      }
  }
  return sum;
}
