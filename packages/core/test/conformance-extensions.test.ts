import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine, explainJson, parseConfig, parseEventsNdjson, parseInstant } from '../src/index.js';
import { cyclesByKey, type Scenario } from './conformance.js';

/** The project's own decided cases, in the conformance format (conformance-extensions/README.md). */
const DIR = resolve(fileURLToPath(import.meta.url), '../../../../conformance-extensions');

function scenarios(): Scenario[] {
  const dir = join(DIR, 'scenarios');
  return readdirSync(dir)
    .sort()
    .map((name) => ({
      name,
      eventsText: readFileSync(join(dir, name, 'events.ndjson'), 'utf8'),
      expected: JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')),
    }));
}

describe('conformance extensions: customer hours and contracts through the library', () => {
  const config = JSON.parse(readFileSync(join(DIR, 'scenarios.config.json'), 'utf8'));
  const engine = new Engine(parseConfig(config));
  const cases = scenarios();

  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const s of cases) {
    it(`${s.name}: ${s.expected.why}`, () => {
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
    });
  }
});
