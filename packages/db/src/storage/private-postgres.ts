import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Test support, exported as `@breachless/db/private-postgres` for the worker's fault tests and
// the soak test (tooling/soak): not part of the runtime.

/** A PostgreSQL server of the test's own, so that restarting it disturbs no other suite. */
export interface PrivatePostgres {
  readonly url: string;
  /** Stops the server the way a crash does (`-m immediate`), then starts it again. */
  restart(downMs: number): Promise<void>;
  stop(): void;
}

// The server binaries of the Debian packages `.ci/run` installs; `pg_config --bindir` is
// not always there (it comes with libpq-dev).
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions
    .map((v) => join(root, v, 'bin'))
    .find((d) => existsSync(join(d, 'pg_ctl')));
  if (!found) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return found;
}

/** A free loopback port (the soak test's services listen on such ports too). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Creates and starts a throwaway cluster on a free loopback port, trust auth. PostgreSQL
 * refuses to run as root, so as root the commands run as the `postgres` user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'breachless-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const file = (command: string) => (asRoot ? 'runuser' : join(bin, command));
  const argv = (command: string, args: string[]) =>
    asRoot ? ['-u', 'postgres', '--', join(bin, command), ...args] : args;
  const run = (command: string, args: string[]) =>
    execFileSync(file(command), argv(command, args), { stdio: 'ignore', cwd: dir });
  // Restarts run while the caller goes on serving (the soak test's fake Slack, its load).
  const runAsync = (command: string, args: string[]) =>
    promisify(execFile)(file(command), argv(command, args), { cwd: dir });
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const startArgs = ['-D', data, '-o', options, '-w', '-l', join(dir, 'log'), 'start'];
  run('pg_ctl', startArgs);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs) {
      await runAsync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await runAsync('pg_ctl', startArgs);
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
