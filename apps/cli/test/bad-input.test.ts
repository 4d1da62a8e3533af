import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, EXAMPLES } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'breachless-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const goodConfig = `${EXAMPLES}breachless.config.yaml`;
const goodEvents = `${EXAMPLES}events.ndjson`;

describe('bad input: exit 2, a message naming what is wrong, nothing on stdout', () => {
  it('lists every config problem by path', () => {
    const config = file(
      'bad.yaml',
      'policies:\n  - id: p\n    calendar: nowhere\n    targets: { first_response: { high: 4x } }\n',
    );
    const ran = cli([
      'explain',
      '--config',
      config,
      '--events',
      goodEvents,
      '--at',
      '2026-11-25T18:00:00Z',
    ]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('policies[0].targets.first_response.high: "4x" is not a duration');
    expect(ran.stderr).toContain('policies[0].calendar: "nowhere" is not a calendar');
    expect(ran.stderr).toContain(config);
  });

  it('names the file, line and field of a bad event', () => {
    const events = file(
      'bad.ndjson',
      '{"id":"a","ticket":"T","type":"ticket.created","at":"2026-11-23T10:00:00Z","fields":{}}\n{"id":"b","ticket":"T","type":"message","at":"2026-11-23T10:00:00","author":"agent","public":true}\nnot json\n',
    );
    const ran = cli(['explain', '--config', goodConfig, '--events', events]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain(
      `${events}:2: at: "2026-11-23T10:00:00" is not an ISO-8601 instant with an offset or Z`,
    );
    expect(ran.stderr).toContain(`${events}:3: not valid JSON`);
  });

  it('refuses unknown flags, commands and missing files with usage', () => {
    const flag = cli(['report', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--nope'");
    expect(flag.stderr).toContain('Usage: breachless report');
    expect(cli(['frobnicate']).stderr).toContain('unknown command "frobnicate"');
    const missing = cli(['explain', '--config', join(dir, 'none.yaml'), '--events', goodEvents]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(
      cli([
        'report',
        '--config',
        goodConfig,
        '--events',
        goodEvents,
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-30',
        '--by',
        'colour',
      ]).stderr,
    ).toContain('--by: unknown colour');
  });

  it('a bad case prints its error and the other cases still run', () => {
    const cases = file(
      'cases.ndjson',
      '{"id":"ok","calendar":"ny-office","from":"2026-11-23T14:00:00Z","duration":"1h"}\n{"id":"bad","calendar":"ny-office","from":"2026-11-23T14:00:00Z","duration":"1x"}\n',
    );
    const ran = cli(['calendar', 'due', '--config', goodConfig, '--cases', cases]);
    expect(ran.code).toBe(0);
    expect(
      ran.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: 'ok', due: '2026-11-23T15:00:00Z' },
      { id: 'bad', error: 'duration: not a duration (like 4h, 1h30m, 2d)' },
    ]);
  });

  it('--help exits 0 with usage, for the program and each command', async () => {
    expect(cli(['--help'])).toMatchObject({ code: 0 });
    for (const command of [['explain'], ['report'], ['calendar']]) {
      const ran = cli([...command, '--help']);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('Usage: breachless');
    }
    const real = await bin(['--nope']);
    expect(real.code).toBe(2);
    expect(real.stderr).not.toContain('    at ');
  });
});
