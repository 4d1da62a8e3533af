import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, REPO, scratch } from './harness.js';

// What each command must not load unless it needs it, by where the module lives.
const HEAVY: Record<string, string> = {
  postgres: '/node_modules/postgres/',
  pglite: '/node_modules/@electric-sql/pglite/',
  'drizzle-orm': '/node_modules/drizzle-orm/',
  'date-holidays': '/node_modules/date-holidays/',
  '@breachless/db': '/packages/db/',
  '@breachless/chat': '/packages/chat/',
  '@breachless/connectors': '/packages/connectors/',
};
const RECORDER = pathToFileURL(`${REPO}apps/cli/test/load-recorder/register.mjs`).href;
const BIN = `${REPO}apps/cli/bin/breachless.js`;

interface Loaded {
  code: number;
  stderr: string;
  /** Every module URL the process loaded. */
  modules: string[];
  /** The names of HEAVY it loaded. */
  heavy: string[];
}

/** Runs the bin as a user does, under loader hooks that record every module it loads. */
async function loaded(argv: string[], env: Record<string, string> = {}): Promise<Loaded> {
  const log = join(mkdtempSync(join(tmpdir(), 'breachless-loads-')), 'modules.txt');
  const args = ['--import', RECORDER, BIN, ...argv];
  const options = {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: '', ...env, BREACHLESS_LOAD_LOG: log },
  };
  const { code, stderr } = await promisify(execFile)(process.execPath, args, options).then(
    (done) => ({ code: 0, stderr: done.stderr }),
    (failed: { code: number; stderr: string }) => ({ code: failed.code, stderr: failed.stderr }),
  );
  const modules = readFileSync(log, 'utf8').trim().split('\n');
  const heavy = Object.keys(HEAVY).filter((name) =>
    modules.some((url) => url.includes(HEAVY[name] as string)),
  );
  return { code, stderr, modules, heavy };
}

const file = scratch();
// The examples' config without its public holidays, which alone would load date-holidays.
const config = file(
  'breachless.config.yaml',
  readFileSync(`${EXAMPLES}breachless.config.yaml`, 'utf8').replace(
    /^ {4}publicHolidays:.*\n/m,
    '',
  ),
);
const events = ['--events', `${EXAMPLES}events.ndjson`, '--at', '2026-11-25T18:00:00Z'];
const due = ['calendar', 'due', '--calendar', 'ny-office', '--from', '2026-11-25T20:00:00Z'];

describe('each command loads only what it needs (the real bin, every module recorded)', () => {
  it('--help loads neither the database, the chat code nor even the engine', async () => {
    const run = await loaded(['--help']);
    expect(run).toMatchObject({ code: 0, stderr: '', heavy: [] });
    expect(run.modules.some((url) => url.endsWith('/run.js'))).toBe(true);
    expect(run.modules.filter((url) => url.includes('/packages/core/'))).toEqual([]);
  });

  it('calendar due, explain and report on files load no database, chat or holiday code', async () => {
    for (const argv of [
      [...due, '--config', config, '--duration', '4h'],
      ['explain', '--config', config, ...events],
      ['report', '--config', config, ...events, '--from', '2026-11-23', '--to', '2026-11-25'],
    ]) {
      const run = await loaded(argv);
      expect({ argv, code: run.code, stderr: run.stderr, heavy: run.heavy }).toEqual({
        argv,
        code: 0,
        stderr: '',
        heavy: [],
      });
      expect(run.modules.some((url) => url.includes('/packages/core/'))).toBe(true);
      // calendar reads the config through core's subpaths: no engine, reports or events code.
      if (argv[0] === 'calendar')
        expect(
          run.modules.filter((url) => /\/core\/dist\/(engine|compliance|events)\//.test(url)),
        ).toEqual([]);
    }
  });

  it('a config with publicHolidays loads date-holidays, and nothing else heavy', async () => {
    const run = await loaded([
      ...due,
      '--config',
      `${EXAMPLES}breachless.config.yaml`,
      '--duration',
      '4h',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '', heavy: ['date-holidays'] });
  });

  it('report --tenant loads the database code and its driver', async () => {
    // A database that does not exist fails fast, after the command has loaded what it needs.
    const run = await loaded(
      ['report', '--tenant', 'acme', '--from', '2026-11-01', '--to', '2026-11-30'],
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/breachless_no_such_database' },
    );
    expect(run.code).toBe(1);
    expect(run.heavy).toEqual(
      expect.arrayContaining(['@breachless/db', 'postgres', 'drizzle-orm']),
    );
  });
});
