import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/io.js';
import { run } from '../src/run.js';
import { bin, cli, EXAMPLES, scratch } from './harness.js';

const file = scratch();
const goodConfig = `${EXAMPLES}breachless.config.yaml`;
const goodEvents = `${EXAMPLES}events.ndjson`;
const AT = ['--at', '2026-11-25T18:00:00Z'];

describe('bad input: exit 2, a message naming what is wrong, nothing on stdout', () => {
  it('lists every config problem by path', async () => {
    const config = file(
      'bad.yaml',
      'policies:\n  - id: p\n    calendar: nowhere\n    targets: { first_response: { high: 4x } }\n',
    );
    const ran = await cli(['explain', '--config', config, '--events', goodEvents, ...AT]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('invalid config (2 problems)');
    expect(ran.stderr).toContain('policies[0].targets.first_response.high: "4x" is not a duration');
    expect(ran.stderr).toContain('policies[0].calendar: "nowhere" is not a calendar');
    expect(ran.stderr).toContain(config);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it('a config that is not YAML names its line', async () => {
    const config = file('broken.yaml', 'calendars:\n  - id: x\n   timezone: [\n');
    const ran = await cli(['calendar', 'due', '--config', config, '--cases', goodEvents]);
    expect(ran).toMatchObject({ code: 2, stdout: '' });
    expect(ran.stderr).toMatch(/broken\.yaml: invalid config \(1 problem\):\n {2}line \d+: /);
  });

  it('names the file, line and field of a bad event', async () => {
    const events = file(
      'bad.ndjson',
      [
        '{"id":"a","ticket":"T","type":"ticket.created","at":"2026-11-23T10:00:00Z","fields":{}}',
        '{"id":"b","ticket":"T","type":"message","at":"2026-11-23T10:00:00","author":"agent","public":true}',
        'not json',
        '',
      ].join('\n'),
    );
    const ran = await cli(['explain', '--config', goodConfig, '--events', events, ...AT]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain(
      `${events}:2: at: "2026-11-23T10:00:00" is not an ISO-8601 instant with an offset or Z`,
    );
    expect(ran.stderr).toContain(`${events}:3: not valid JSON`);
    const report = await cli([
      ...['report', '--config', goodConfig, '--events', events],
      ...['--from', '2026-11-01', '--to', '2026-11-30'],
    ]);
    expect(report).toMatchObject({ code: 2, stdout: '' });
  });

  it('refuses unknown flags and commands, with usage', async () => {
    const flag = await cli(['report', '--nope']);
    expect(flag).toMatchObject({ code: 2, stdout: '' });
    expect(flag.stderr).toContain("Unknown option '--nope'");
    expect(flag.stderr).toContain('Usage: breachless report');
    expect((await cli(['explain', 'stray'])).stderr).toContain("Unexpected argument 'stray'");
    expect(await cli(['frobnicate'])).toMatchObject({ code: 2, stdout: '' });
    expect((await cli(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
    expect(await cli([])).toMatchObject({ code: 2, stdout: '' });
    expect(await cli(['calendar'])).toMatchObject({ code: 2, stdout: '' });
    expect((await cli(['calendar', 'after'])).stderr).toContain('unknown calendar command "after"');
    // Each calendar mode takes only its own operand.
    const due = ['calendar', 'due', '--config', goodConfig, '--calendar', 'ny-office'];
    const wrong = await cli([
      ...due,
      '--from',
      '2026-11-25T20:00:00Z',
      '--to',
      '2026-11-26T20:00:00Z',
    ]);
    expect(wrong).toMatchObject({ code: 2, stdout: '' });
    expect(wrong.stderr).toContain("Unknown option '--to'");
    expect((await cli([...due, '--cases', goodEvents])).stderr).toContain('not --calendar');
  });

  it('checks flag values before reading any file', async () => {
    const report = ['report', '--config', 'nowhere.yaml', '--events', 'nowhere.ndjson'];
    const cases: [string[], string][] = [
      [
        [...report, '--from', '2026-11-31', '--to', '2026-12-01'],
        '--from: "2026-11-31" is not a date',
      ],
      [
        [...report, '--from', 'yesterday', '--to', '2026-12-01'],
        '--from: "yesterday" is not a date',
      ],
      [
        [...report, '--from', '2026-11-01', '--to', '2026-12-01', '--tz', 'Mars/Base'],
        '--tz: "Mars/Base"',
      ],
      [
        [...report, '--from', '2026-11-01', '--to', '2026-12-01', '--by', 'colour'],
        '--by: unknown colour',
      ],
      [
        [...report, '--from', '2026-11-01', '--to', '2026-12-01', '--format', 'xml'],
        '--format: "xml"',
      ],
      [[...report, '--to', '2026-12-01'], 'missing --from'],
      [['explain', '--config', 'x.yaml'], 'missing --events'],
      [
        ['explain', '--events', 'x.ndjson', '--at', '2026-11-25T18:00'],
        '--at: "2026-11-25T18:00" is not',
      ],
      [
        [
          'calendar',
          'due',
          '--calendar',
          'x',
          '--from',
          '2026-11-25T20:00:00Z',
          '--duration',
          '4x',
        ],
        '--duration: "4x" is not a duration',
      ],
    ];
    for (const [argv, message] of cases) {
      const ran = await cli(argv);
      expect({ argv, code: ran.code, stdout: ran.stdout }).toEqual({ argv, code: 2, stdout: '' });
      expect(ran.stderr).toContain(message);
    }
  });

  it('names a missing file; the config defaults to $BREACHLESS_CONFIG, then ./breachless.config.yaml', async () => {
    const missing = await cli([
      'explain',
      '--config',
      `${file('x', '')}.none`,
      '--events',
      goodEvents,
    ]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/cannot read config file .*x\.none: no such file/);
    const args = ['calendar', 'between', '--calendar', 'ny-office', '--json'];
    const span = ['--from', '2026-11-23T14:00:00Z', '--to', '2026-11-23T15:00:00Z'];
    expect((await cli([...args, ...span], { BREACHLESS_CONFIG: goodConfig })).stdout).toBe(
      '{"seconds":3600}\n',
    );
    expect((await cli([...args, ...span])).stderr).toContain(
      'cannot read config file breachless.config.yaml: no such file',
    );
    expect((await cli([...args, ...span, '--config', join(EXAMPLES, 'nope.yaml')])).code).toBe(2);
    const events = await cli(['explain', '--config', goodConfig, '--events', 'none.ndjson']);
    expect(events.stderr).toContain('cannot read events file none.ndjson: no such file');
  });

  it('a bad case prints its error and the other cases still run', async () => {
    const cases = file(
      'cases.ndjson',
      [
        '{"id":"ok","calendar":"ny-office","from":"2026-11-23T14:00:00Z","duration":"1h"}',
        '{"id":"bad","calendar":"ny-office","from":"2026-11-23T14:00:00Z","duration":"1x"}',
        '{"id":"cal","calendar":"mars","from":"2026-11-23T14:00:00Z","duration":"1h"}',
        '{"id":"from","calendar":"ny-office","from":"2026-11-23 14:00","duration":"1h"}',
        '{"id":',
        '',
        '{"id":"last","calendar":"24x7","from":"2026-11-23T14:00:00Z","duration":"90m"}',
      ].join('\n'),
    );
    const ran = await cli(['calendar', 'due', '--config', goodConfig, '--cases', cases]);
    expect(ran.code).toBe(0);
    expect(
      ran.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: 'ok', due: '2026-11-23T15:00:00Z' },
      { id: 'bad', error: 'duration: "1x" is not a duration (like 4h, 1h30m, 2d)' },
      {
        id: 'cal',
        error: 'calendar: "mars" is not in the config (it has 24x7, ny-office, round-the-clock)',
      },
      {
        id: 'from',
        error: 'from: "2026-11-23 14:00" is not an ISO-8601 instant with an offset or Z',
      },
      { id: null, line: 5, error: 'not valid JSON' },
      { id: 'last', due: '2026-11-23T15:30:00Z' },
    ]);
  });

  it('an unexpected failure exits 1 with a message and no stack trace', async () => {
    let stdout = '';
    let stderr = '';
    const io: Io = {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      readFile: () => {
        throw new Error('unused');
      },
      env: {},
      now: () => {
        throw new Error('the clock is gone');
      },
    };
    expect(await run(['explain', '--events', 'e.ndjson'], io)).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('breachless: unexpected failure: the clock is gone\n');
  });

  it('--help exits 0 with usage, for the program and each command', async () => {
    expect(await cli(['--help'])).toMatchObject({ code: 0, stderr: '' });
    expect((await cli(['--help'])).stdout).toContain('Usage: breachless <command>');
    for (const command of [
      ['explain'],
      ['report'],
      ['calendar'],
      ['calendar', 'due'],
      ['calendar', 'between'],
    ]) {
      const ran = await cli([...command, '--help']);
      expect(ran).toMatchObject({ code: 0, stderr: '' });
      expect(ran.stdout).toContain(`Usage: breachless ${command[0]}`);
    }
    expect((await cli(['report', '--help'])).stdout).toContain('A date includes that whole day');
    const real = await bin(['--nope']);
    expect(real.code).toBe(2);
    expect(real.stdout).toBe('');
    expect(real.stderr).toContain('unknown command "--nope"');
    expect(real.stderr).not.toMatch(/\n\s+at /);
  });
});
