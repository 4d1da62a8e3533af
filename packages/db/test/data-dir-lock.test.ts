import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../src/pglite/data-dir-lock.js';
import { openDatabase } from '../src/storage/client.js';
import { initdbDataDir } from '../src/testing-pglite.js';

const CLIENT = fileURLToPath(new URL('../src/storage/client.ts', import.meta.url));

describe('the embedded database directory', () => {
  it('is refused to a second process while one holds it, and taken over once that one is gone', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'breachless-lock-')), 'data');
    // The lock is the subject, not initdb: the holder opens a directory that exists already.
    await initdbDataDir(dataDir);
    const holder = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { openDatabase } = await import(${JSON.stringify(CLIENT)});
         await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
         console.log('open');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
      holder.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    const refused = await openDatabase({ dataDir }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as DataDirInUseError).pid).toBe(holder.pid);
    expect((refused as Error).message).toContain('use PostgreSQL (DATABASE_URL)');

    // Killed without a chance to clean up: its lock is stale and taken over.
    const exited = once(holder, 'exit');
    holder.kill('SIGKILL');
    await exited;
    const handle = await openDatabase({ dataDir });
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    await handle.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
