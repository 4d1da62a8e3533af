import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The heap an import lets itself hold before it collects. The live heap of the sample log's
 * import is about 30 MiB; V8 alone let it grow to 130-160 MiB between full collections (each
 * batch lives through PostgreSQL's work, so it dies in the old generation), and the process
 * peaked at 204-231 MiB. Collected above 72 MiB, it peaks at 173-177 MiB, for about 0.1 s more CPU
 * (a few forced collections of 15-30 ms each).
 */
export const IMPORT_HEAP_BYTES = 72 * 2 ** 20;

/**
 * A check to call between an import's batches: a full garbage collection whenever the heap
 * holds more than `limitBytes`, so the process's memory stays flat and bounded. A heap
 * limit cannot be set once Node runs (`--max-old-space-size` is read at start), and a lower
 * `--heap-growing-percent` collected far more often (a quarter more CPU).
 */
export function heapBound(limitBytes: number): () => void {
  // `gc` is given to contexts created after the flag is set, not to this one.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    if (getHeapStatistics().used_heap_size > limitBytes) gc();
  };
}
