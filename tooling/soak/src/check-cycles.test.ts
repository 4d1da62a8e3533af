import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { created, goodRun, kinds, reply, rowsAt, S, T0 } from './testing.js';

/** B's rows as written before its reply came: running, with the warning still ahead. */
const bBeforeReply = () => rowsAt([created('B', T0)], T0 + 3 * S);

describe('the soak checker on cycle rows', () => {
  it('finds a row never recomputed after a later event, though it was right when written', () => {
    const run = goodRun();
    const cycles = [...run.cycles.filter((c) => c.ticketId !== 'B'), ...bBeforeReply()];
    const result = check({ ...run, cycles });
    expect(Object.keys(result.problems)).toEqual(['cycle wrong']);
    expect(result.problems['cycle wrong']?.[0]).toContain('status running (core achieved)');
  });

  it('finds a ticket whose last evaluation came before its last event', () => {
    const run = goodRun();
    const cycles = [...run.cycles.filter((c) => c.ticketId !== 'B'), ...bBeforeReply()];
    const evaluatedAt = new Map(run.evaluatedAt).set('B', T0 + 3 * S);
    expect(kinds({ ...run, cycles, evaluatedAt })).toEqual([
      'ticket not evaluated after its last event',
    ]);
  });

  it('passes a row left alone by a later evaluation that changed nothing in it', () => {
    const run = goodRun();
    // B's cycle stopped at its reply (5 s); evaluated again at 40 s, its row stayed as it was.
    const early = rowsAt([created('B', T0), reply('B', T0 + 5 * S)], T0 + 6 * S);
    const cycles = [...run.cycles.filter((c) => c.ticketId !== 'B'), ...early];
    const evaluatedAt = new Map(run.evaluatedAt).set('B', T0 + 40 * S);
    expect(check({ ...run, cycles, evaluatedAt }).problems).toEqual({});
  });

  it('finds a field of a row that is not what the core computes', () => {
    const run = goodRun();
    const cycles = run.cycles.map((c) => (c.ticketId === 'A' ? { ...c, team: 'support' } : c));
    const result = check({ ...run, cycles });
    expect(Object.keys(result.problems)).toEqual(['cycle wrong']);
    expect(result.problems['cycle wrong']?.[0]).toContain('team support (core billing)');
  });

  it('finds a row for a cycle the core does not have', () => {
    const run = goodRun();
    const [a] = run.cycles;
    if (!a) throw new Error('no cycles');
    expect(kinds({ ...run, cycles: [...run.cycles, { ...a, cycle: 2 }] })).toEqual([
      'cycle the core does not have',
    ]);
  });

  it('finds a cycle the core has and the database lacks', () => {
    const run = goodRun();
    const cycles = run.cycles.filter((c) => c.ticketId !== 'B');
    expect(kinds({ ...run, cycles })).toEqual(['cycle missing']);
  });

  it('finds rows of a ticket with no events', () => {
    const run = goodRun();
    const [a] = run.cycles;
    if (!a) throw new Error('no cycles');
    expect(kinds({ ...run, cycles: [...run.cycles, { ...a, ticketId: 'Z' }] })).toEqual([
      'cycle of no ticket',
    ]);
  });
});
