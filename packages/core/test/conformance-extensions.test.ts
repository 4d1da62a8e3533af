import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine, parseConfig } from '../src/index.js';
import { expectScenario, readScenarios } from './conformance.js';

/** The project's own decided cases, in the conformance format (conformance-extensions/README.md). */
const DIR = resolve(fileURLToPath(import.meta.url), '../../../../conformance-extensions');

describe('conformance extensions: customer hours and contracts through the library', () => {
  const config = JSON.parse(readFileSync(join(DIR, 'scenarios.config.json'), 'utf8'));
  const engine = new Engine(parseConfig(config));
  const cases = readScenarios(DIR);

  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const s of cases) {
    it(`${s.name}: ${s.expected.why}`, () => expectScenario(engine, s));
  }
});
