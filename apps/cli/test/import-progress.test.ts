import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../src/format/progress.js';
import { cliAsync, EXAMPLES, keepOpen } from './harness.js';

describe('import progress', () => {
  // migrate then import: one start of PGlite for both.
  const dataDir = join(mkdtempSync(join(tmpdir(), 'breachless-pg-')), 'd');
  keepOpen(dataDir);
  it('reaches 100% only at the end, with the final counts', async () => {
    const env = { BREACHLESS_DATA_DIR: dataDir };
    expect((await cliAsync(['migrate'], env)).code).toBe(0);
    // The example file is read whole before its first batch of 7 is stored.
    const ran = await cliAsync(
      [
        'import',
        `${EXAMPLES}events.ndjson`,
        '--format',
        'ndjson',
        '--config',
        `${EXAMPLES}breachless.config.yaml`,
        '--batch',
        '7',
      ],
      env,
    );
    expect(ran.code, ran.stderr).toBe(0);
    const lines = ran.stderr.trimEnd().split('\n');
    const stored = /events: (\d+) new/.exec(ran.stdout)?.[1];
    expect(Number(stored)).toBeGreaterThan(7);
    expect(lines.filter((l) => l.startsWith('100%'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^100%  ${stored} new, 0 duplicates, 0 rejected  `));
    expect(
      lines.slice(0, -1).every((l) => /^\d{1,2}% {2}/.test(l)),
      ran.stderr,
    ).toBe(true);
  });

  it('on a terminal, redraws at most 99% while storing, then 100% once', () => {
    let out = '';
    const progress = progressReporter((t) => (out += t), true, 1000);
    progress.update(400, '3 new');
    progress.update(1000, '7 new');
    expect(out).toContain(' 40%  3 new');
    expect(out).toContain(' 99%  7 new');
    expect(out).not.toContain('100%');
    progress.finish('12 new');
    expect(out.split('\r').at(-1)).toMatch(/^\[#{30}\] 100% {2}12 new {2}[\d.]+ s\n$/);
  });
});
