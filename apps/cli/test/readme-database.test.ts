import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bin, REPO } from './harness.js';

/** The README's "On a database" commands, continuation lines joined and comments cut. */
function readmeCommands(): string[][] {
  const readme = readFileSync(`${REPO}README.md`, 'utf8');
  const block = /## On a database\n+```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no "On a database" sh block');
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx breachless '))
    .map((line) => line.slice('npx breachless '.length).split(/\s+/));
}

// The whole sample through the embedded database, as a newcomer runs it: about 25 s alone.
it('the README\'s "On a database" lines, run as written, end in a report with figures', async () => {
  const commands = readmeCommands();
  expect(commands.map((c) => c[0])).toEqual(['migrate', 'import', 'import', 'report']);
  // Not the user's ./.breachless: a database of the test's own, on PGlite as the README's.
  const env = {
    BREACHLESS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'readme-')), 'db'),
    DATABASE_URL: '',
  };
  const ran = [];
  for (const argv of commands) {
    const result = await bin(argv, env);
    expect(result.code, `${argv.join(' ')}\n${result.stderr}`).toBe(0);
    expect(result.stderr).not.toContain('WARNING');
    ran.push(result);
  }
  const report = ran.at(-1)?.stdout ?? '';
  const rows = [
    ...report.matchAll(/^(\w+)\s+(first_response|resolution)\s+(\d+)\s+(\d+)\s+[\d.]+%/gm),
  ].map((m) => ({ priority: m[1], metric: m[2], cycles: Number(m[3]) + Number(m[4]) }));
  // Every priority of the sample, with both metrics its config sets, has cycles counted.
  expect(new Set(rows.map((r) => r.priority))).toEqual(
    new Set(['urgent', 'high', 'normal', 'low']),
  );
  expect(rows).toHaveLength(8);
  for (const row of rows) expect(row.cycles, `${row.priority} ${row.metric}`).toBeGreaterThan(0);
  expect(rows.reduce((n, r) => n + r.cycles, 0)).toBeGreaterThan(40_000);
});
