import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopOnSignals } from '../src/storage/stop-signals.js';

/** A fake process: signals are emitted by hand, time moves by hand, exits are recorded. */
function fakeProcess() {
  const source = new EventEmitter();
  const state = { now: 0, exits: [] as number[], said: [] as string[] };
  const signals = stopOnSignals(source, 'breachless test', {
    exit: (code) => state.exits.push(code),
    say: (line) => state.said.push(line),
    clock: () => state.now,
  });
  const press = (signal: 'SIGINT' | 'SIGTERM', afterMs = 1_000) => {
    state.now += afterMs;
    source.emit(signal, signal);
  };
  return { signals, state, press };
}

/** A stop that finishes only when the test says so, counting how often it was started. */
function heldStop() {
  const held = { calls: 0, finish: () => {}, fail: (_: Error) => {} };
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      held.calls += 1;
      held.finish = resolve;
      held.fail = reject;
    });
  return { held, stop };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('stopOnSignals', () => {
  it('stops once on the first signal and exits 0 when the stop is done', async () => {
    const { signals, state, press } = fakeProcess();
    const { held, stop } = heldStop();
    signals.stopWith(stop);
    expect(held.calls).toBe(0);
    press('SIGTERM');
    expect(held.calls).toBe(1);
    await settle();
    expect(state.exits).toEqual([]);
    held.finish();
    await settle();
    expect(state.exits).toEqual([0]);
    expect(state.said).toEqual([]);
  });

  it('keeps stopping on a second press: no second stop, one line, then exit 0', async () => {
    const { signals, state, press } = fakeProcess();
    const { held, stop } = heldStop();
    signals.stopWith(stop);
    press('SIGINT');
    press('SIGINT');
    expect(held.calls).toBe(1);
    expect(state.exits).toEqual([]);
    expect(state.said).toEqual([
      'breachless test: still stopping (finishing the work in flight); once more forces.',
    ]);
    held.finish();
    await settle();
    expect(state.exits).toEqual([0]);
  });

  it('forces on a third press: exit 128 + the signal number at once, said in one line', () => {
    const { signals, state, press } = fakeProcess();
    const { held, stop } = heldStop();
    signals.stopWith(stop);
    press('SIGINT');
    press('SIGINT');
    press('SIGINT');
    expect(held.calls).toBe(1);
    expect(state.exits).toEqual([130]);
    expect(state.said[1]).toBe(
      'breachless test: forced to stop by a third SIGINT: what was in flight is not committed.',
    );
    press('SIGTERM');
    expect(state.exits).toEqual([130, 143]);
  });

  it('counts the signals of one burst as one press (tsx resends SIGINT 30 ms later)', async () => {
    const { signals, state, press } = fakeProcess();
    const { held, stop } = heldStop();
    signals.stopWith(stop);
    press('SIGINT');
    press('SIGINT', 30);
    press('SIGINT', 0);
    expect(state.said).toEqual([]);
    press('SIGINT', 150);
    press('SIGINT', 30);
    expect(state.said).toHaveLength(1);
    expect(state.exits).toEqual([]);
    held.finish();
    await settle();
    expect(state.exits).toEqual([0]);
  });

  it('remembers a signal that came before the service was up and stops once it is', async () => {
    const { signals, state, press } = fakeProcess();
    press('SIGINT');
    const { held, stop } = heldStop();
    signals.stopWith(stop);
    expect(held.calls).toBe(1);
    held.finish();
    await settle();
    expect(state.exits).toEqual([0]);
  });

  it('says why a stop failed and exits 1, not 0', async () => {
    const { signals, state, press } = fakeProcess();
    const { held, stop } = heldStop();
    signals.stopWith(stop);
    press('SIGTERM');
    held.fail(new Error('the database did not close'));
    await settle();
    expect(state.said).toEqual([
      'breachless test: could not stop cleanly: the database did not close',
    ]);
    expect(state.exits).toEqual([1]);
  });
});
