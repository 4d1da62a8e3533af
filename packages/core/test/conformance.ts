import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type Engine, explainJson, parseEventsNdjson, parseInstant } from '../src/index.js';

/** The repo's copy of the conformance cases (a user's clone has no ../shared). */
export const CONFORMANCE_DIR = resolve(fileURLToPath(import.meta.url), '../../../../conformance');
/** The decided cases beside the repo, where a developer's or CI's machine has them. */
export const SHARED_CONFORMANCE_DIR = resolve(CONFORMANCE_DIR, '../../shared/conformance');

export interface CalendarCase {
  id: string;
  calendar: string;
  from: string;
  to?: string;
  duration?: string;
  expect: { due?: string; seconds?: number };
  why: string;
}

export interface Scenario {
  name: string;
  eventsText: string;
  expected: { why: string; at: string; expect: ExplainDocument };
}

export interface ExplainDocument {
  at: string;
  tickets: { ticket: string; policy: string | null; cycles: Record<string, unknown>[] }[];
}

export function readCalendarCases(): CalendarCase[] {
  const text = readFileSync(join(CONFORMANCE_DIR, 'calendar-cases.ndjson'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CalendarCase);
}

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(CONFORMANCE_DIR, name), 'utf8'));
}

/** The scenarios of a cases folder: the spec's copy by default, or the project's extensions. */
export function readScenarios(cases = CONFORMANCE_DIR): Scenario[] {
  const dir = join(cases, 'scenarios');
  return readdirSync(dir)
    .sort()
    .map((name) => ({
      name,
      eventsText: readFileSync(join(dir, name, 'events.ndjson'), 'utf8'),
      expected: JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')),
    }));
}

/**
 * Cycles keyed by `(metric, cycle)`, as the conformance README says to compare them.
 * @throws when a key comes twice: a map would keep the last, and a duplicated cycle pass
 */
export function cyclesByKey(doc: ExplainDocument): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const t of doc.tickets)
    for (const c of t.cycles) {
      const key = `${t.ticket}/${c.metric}/${c.cycle}`;
      if (out.has(key)) throw new Error(`cycle ${key} appears twice`);
      out.set(key, c);
    }
  return out;
}

/**
 * Runs a scenario through the library at its `at` and compares as the conformance README
 * says: the same instant, the tickets with their policies, and every cycle by its key.
 */
export function expectScenario(engine: Engine, s: Scenario): void {
  const at = parseInstant(s.expected.at);
  if (at === undefined) throw new Error(`bad at in ${s.name}`);
  const actual = explainJson(engine.evaluate(parseEventsNdjson(s.eventsText), at), at);
  const expected = s.expected.expect;
  expect(actual.at).toBe(expected.at);
  expect(actual.tickets.map((t) => [t.ticket, t.policy])).toEqual(
    expected.tickets.map((t) => [t.ticket, t.policy]),
  );
  const got = cyclesByKey(actual);
  const want = cyclesByKey(expected);
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [key, cycle] of want) expect({ key, ...got.get(key) }).toEqual({ key, ...cycle });
}
