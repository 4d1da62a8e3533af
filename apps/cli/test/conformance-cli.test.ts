import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bin, CONFORMANCE, cli, type Ran } from './harness.js';

type Case = { id: string; expect: { due?: string; seconds?: number } };
const cases = readFileSync(`${CONFORMANCE}calendar-cases.ndjson`, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);
const scenarios = readdirSync(`${CONFORMANCE}scenarios`).sort();

/** A map of `entries`; a key that comes twice fails, where a plain map would keep the last. */
function keyed<V>(entries: [string, V][]): Map<string, V> {
  const out = new Map<string, V>();
  for (const [key, value] of entries) {
    if (out.has(key)) throw new Error(`${key} appears twice`);
    out.set(key, value);
  }
  return out;
}

/** Checks `--cases` output against the expectations: instants compared as instants. */
function checkCases(mode: 'due' | 'between', ran: Ran) {
  expect(ran.code).toBe(0);
  const results = keyed(
    ran.stdout
      .trim()
      .split('\n')
      .map((l) => [JSON.parse(l).id as string, JSON.parse(l)]),
  );
  const mine = cases.filter((c) =>
    mode === 'due' ? c.expect.due !== undefined : c.expect.seconds !== undefined,
  );
  expect(mine.length).toBeGreaterThan(10);
  for (const c of mine) {
    const got = results.get(c.id);
    if (mode === 'due')
      expect({ id: c.id, due: Date.parse(got?.due) }).toEqual({
        id: c.id,
        due: Date.parse(c.expect.due as string),
      });
    else
      expect({ id: c.id, seconds: got?.seconds }).toEqual({ id: c.id, seconds: c.expect.seconds });
  }
}

/** Compares `explain --json` with expected.json: tickets by id, cycles by (metric, cycle). */
function checkScenario(name: string, ran: Ran) {
  const expected = JSON.parse(
    readFileSync(`${CONFORMANCE}scenarios/${name}/expected.json`, 'utf8'),
  );
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  const actual = JSON.parse(ran.stdout);
  expect(actual.at).toBe(expected.expect.at);
  const key = (doc: typeof actual) =>
    keyed<unknown>(
      doc.tickets.flatMap(
        (t: { ticket: string; policy: string; cycles: { metric: string; cycle: number }[] }) => [
          [t.ticket, t.policy],
          ...t.cycles.map((c) => [`${t.ticket}/${c.metric}/${c.cycle}`, c]),
        ],
      ),
    );
  expect(key(actual)).toEqual(key(expected.expect));
}

const explainArgs = (name: string, at: string) => [
  'explain',
  '--json',
  '--config',
  `${CONFORMANCE}scenarios.config.json`,
  '--events',
  `${CONFORMANCE}scenarios/${name}/events.ndjson`,
  '--at',
  at,
];
const atOf = (name: string) =>
  JSON.parse(readFileSync(`${CONFORMANCE}scenarios/${name}/expected.json`, 'utf8')).at as string;

describe('conformance through the CLI, in process', () => {
  for (const mode of ['due', 'between'] as const) {
    it(`calendar ${mode} --cases`, async () => {
      checkCases(
        mode,
        await cli([
          'calendar',
          mode,
          '--config',
          `${CONFORMANCE}calendars.config.json`,
          '--cases',
          `${CONFORMANCE}calendar-cases.ndjson`,
        ]),
      );
    });
  }
  for (const name of scenarios)
    it(`explain --json: ${name}`, async () =>
      checkScenario(name, await cli(explainArgs(name, atOf(name)))));
});

describe('conformance through the breachless bin', () => {
  it('calendar due and between --cases', async () => {
    for (const mode of ['due', 'between'] as const) {
      checkCases(
        mode,
        await bin([
          'calendar',
          mode,
          '--config',
          'conformance/calendars.config.json',
          '--cases',
          'conformance/calendar-cases.ndjson',
        ]),
      );
    }
  });
  for (const name of [scenarios[0], scenarios[7], scenarios[8]] as string[]) {
    it(`explain --json: ${name}`, async () =>
      checkScenario(name, await bin(explainArgs(name, atOf(name)))));
  }
});
