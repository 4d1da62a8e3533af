import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { heapBound } from '../src/commands/import-heap.js';

const used = () => getHeapStatistics().used_heap_size;

describe('heapBound', () => {
  it('collects the garbage of a heap grown past its limit', () => {
    const limit = used() + 16 * 2 ** 20;
    const check = heapBound(limit);
    // Arrays this large live in V8's large-object space: only a full collection frees them.
    let junk: number[][] | undefined = Array.from({ length: 64 }, () =>
      new Array<number>(100_000).fill(0.5),
    );
    expect(junk.length).toBe(64);
    junk = undefined;
    expect(used()).toBeGreaterThan(limit);
    check();
    expect(used()).toBeLessThan(limit);
  });

  it('leaves a heap under its limit alone', () => {
    const check = heapBound(used() + 256 * 2 ** 20);
    let junk: number[][] | undefined = Array.from({ length: 64 }, () =>
      new Array<number>(100_000).fill(0.5),
    );
    expect(junk.length).toBe(64);
    junk = undefined;
    const before = used();
    check();
    // Nothing collected: the 51 MiB of dropped arrays are still counted.
    expect(used()).toBeGreaterThanOrEqual(before);
  });
});
