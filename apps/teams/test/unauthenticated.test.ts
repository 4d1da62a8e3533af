import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@breachless/db';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The bot as Kubernetes or a terminal starts it, with only `env` set for Teams. */
function startBot(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('MICROSOFT_APP_') && key !== 'DATABASE_URL',
    ),
  );
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...clean,
      BREACHLESS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'breachless-teams-')), 'data'),
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

describe('the Teams bot without a registration', () => {
  it('refuses to start, saying what to set, unless told it is local development', async () => {
    const refused = startBot({});
    const [code] = await once(refused.child, 'exit');
    expect(code).toBe(2);
    expect(refused.output()).toContain(
      'breachless teams: invalid environment:\n  MICROSOFT_APP_ID: required',
    );
    expect(refused.output()).toContain('TEAMS_ALLOW_UNAUTHENTICATED=1');
    expect(refused.output()).not.toMatch(/\n\s+at /);
  });

  it('with TEAMS_ALLOW_UNAUTHENTICATED=1, starts and warns that it accepts anyone', async () => {
    // Services refuse an unmigrated database: migrate it as `breachless migrate` would, which
    // starts a new directory from the build's migrated image instead of initdb.
    const dataDir = join(mkdtempSync(join(tmpdir(), 'breachless-teams-')), 'data');
    const handle = await openDatabase({ dataDir, migrating: true });
    await handle.migrate();
    await handle.close();
    const bot = startBot({ TEAMS_ALLOW_UNAUTHENTICATED: '1', BREACHLESS_DATA_DIR: dataDir });
    await new Promise<void>((resolve, reject) => {
      bot.child.stdout?.on('data', () => {
        if (bot.output().includes('teams bot listening')) resolve();
      });
      bot.child.once('exit', (c) => reject(new Error(`exited ${c}:\n${bot.output()}`)));
    });
    expect(bot.output()).toContain(
      'TEAMS_ALLOW_UNAUTHENTICATED is set: the bot accepts unauthenticated requests',
    );
    const exited = once(bot.child, 'exit');
    bot.child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });
});
