import { readdirSync, readFileSync } from 'node:fs';
import { Engine, parseConfig, parseEventsNdjson } from '@breachless/core';
import { expect, it } from 'vitest';
import { cycleCells, cycleRow } from '../src/ingest/cycle-rows.js';
import { cellsOf } from '../src/ingest/cycle-write.js';

const conformance = new URL('../../../conformance/', import.meta.url);
const engine = new Engine(
  parseConfig(JSON.parse(readFileSync(new URL('scenarios.config.json', conformance), 'utf8'))),
);

it("builds every conformance scenario's cycle cells as the row objects' cells, sent as the same JSON", () => {
  let cycles = 0;
  for (const name of readdirSync(new URL('scenarios/', conformance))) {
    const events = parseEventsNdjson(
      readFileSync(new URL(`scenarios/${name}/events.ndjson`, conformance), 'utf8'),
    );
    const { at } = JSON.parse(
      readFileSync(new URL(`scenarios/${name}/expected.json`, conformance), 'utf8'),
    );
    const now = Date.parse(at);
    for (const t of engine.evaluate(events, now))
      for (const c of t.cycles) {
        const cells = cycleCells(t, c, now);
        expect(cells, name).toEqual(cellsOf(cycleRow(name, t, c, now)));
        expect(JSON.stringify(cells), name).toBe(
          JSON.stringify(cellsOf(cycleRow(name, t, c, now))),
        );
        cycles += 1;
      }
  }
  expect(cycles).toBeGreaterThan(40);
});
