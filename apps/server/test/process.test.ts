import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, schema } from '@breachless/db';
import { describe, expect, it } from 'vitest';
import { startServer, stopServer } from './server-process.js';

const CLI = fileURLToPath(new URL('../../cli/bin/breachless.js', import.meta.url));
const dataDir = join(mkdtempSync(join(tmpdir(), 'breachless-start-')), 'data');

/** The demo, fast. */
const start = (until: RegExp) =>
  startServer(['--demo'], { BREACHLESS_DATA_DIR: dataDir, BREACHLESS_DEMO_SPEED: '20000' }, until);

describe('the server process (npm start)', () => {
  it('prints alerts, answers a typed command, stops cleanly on Ctrl-C and resumes', async () => {
    const first = start(/\[console chat #support #\d+\] ⚠/);
    await first.seen;
    // The embedded database is this process's: a second one is told so, and nothing breaks.
    const cli = spawn(process.execPath, [CLI, 'stats', '7d', '--tenant', 'demo'], {
      env: { ...process.env, BREACHLESS_DATA_DIR: dataDir },
    });
    let cliErr = '';
    cli.stderr?.on('data', (chunk: Buffer) => {
      cliErr += chunk.toString();
    });
    const [cliCode] = await once(cli, 'exit');
    expect(cliCode).toBe(1);
    expect(cliErr).toContain(`${dataDir} is in use by process ${first.child.pid}`);
    first.child.stdin?.write('/sla stats bogus\n');
    await new Promise<void>((resolve) => {
      const check = () =>
        /Usage: \/sla stats/.test(first.output()) ? resolve() : setImmediate(check);
      first.child.stdout?.on('data', check);
      check();
    });
    const code = await stopServer(first.child);
    expect(code, first.output().slice(-800)).toBe(0);
    expect(first.output()).toContain('Starting the demo at');
    expect(first.output()).toContain('Stopped.');
    // The position is saved in the database the demo replayed into.
    const stopped = await openDatabase({ dataDir });
    const [saved] = await stopped.db.select().from(schema.simulatedClocks);
    await stopped.close();

    const second = start(/Breachless is running/);
    await second.seen;
    expect(second.output()).toContain(`Resuming the demo at ${saved?.simAt.toISOString()}`);
    const again = await stopServer(second.child);
    expect(again, second.output().slice(-1500)).toBe(0);
  }, 120_000);
});
