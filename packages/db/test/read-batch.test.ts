import { describe, expect, it } from 'vitest';
import { ReadBatch } from '../src/tenants/read-batch.js';

/** A read that records each batch and waits until the test lets it answer. */
function gatedReads() {
  const batches: string[][] = [];
  const gates: ((fail?: Error) => void)[] = [];
  const batch = new ReadBatch(async (requests: readonly string[]) => {
    batches.push([...requests]);
    await new Promise<void>((resolve, reject) =>
      gates.push((fail) => (fail ? reject(fail) : resolve())),
    );
    const read = batches.length;
    return (request: string) => `${request} in read ${read}`;
  });
  const open = async (fail?: Error) => {
    // Let the read start (it is called from a microtask) before it is released.
    while (gates.length === 0) await Promise.resolve();
    gates.shift()?.(fail);
  };
  return { batch, batches, open };
}

describe('ReadBatch', () => {
  it('answers the requests that wait together with one read, each its own answer', async () => {
    const { batch, batches, open } = gatedReads();
    // The first request starts a read at once; the ones arriving meanwhile share the next.
    const answers = Promise.all(['a', 'b', 'c', 'b'].map((r) => batch.ask(r)));
    await open();
    await open();
    expect(await answers).toEqual(['a in read 1', 'b in read 2', 'c in read 2', 'b in read 2']);
    expect(batches).toEqual([['a'], ['b', 'c', 'b']]);
  });

  it('never gives a request a read that started before it arrived', async () => {
    const { batch, batches, open } = gatedReads();
    const first = batch.ask('early');
    while (batches.length === 0) await Promise.resolve();
    // The first read is running: these wait for the next one, which they share.
    const later = Promise.all([batch.ask('late'), batch.ask('later')]);
    await open();
    expect(await first).toBe('early in read 1');
    await open();
    expect(await later).toEqual(['late in read 2', 'later in read 2']);
    expect(batches).toEqual([['early'], ['late', 'later']]);
  });

  it('rejects every request of a failed read, and the next read still runs', async () => {
    const { batch, open } = gatedReads();
    const first = batch.ask('a');
    const waiting = Promise.allSettled([batch.ask('b'), batch.ask('c')]);
    await open(new Error('database away'));
    await expect(first).rejects.toThrow('database away');
    await open(new Error('still away'));
    expect((await waiting).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = batch.ask('d');
    await open();
    expect(await next).toBe('d in read 3');
  });
});
