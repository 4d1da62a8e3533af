import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How a started service ended, or the port it listens on while it runs. */
export interface ServiceOutcome {
  readonly code: number | null;
  readonly stderr: string;
  readonly port?: number;
}

/** A service process started as npm would start it. */
export interface ServiceRun {
  /** Its exit code and stderr, or its port as soon as it logs one (it then runs until `stop`). */
  readonly outcome: Promise<ServiceOutcome>;
  /** SIGTERM, as Kubernetes and compose stop it; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** One app's entry, run from a workspace folder under a temporary `INIT_CWD`. */
export interface ServiceUnderTest {
  /** The folder the user ran `npm start -w @breachless/<app>` in. */
  readonly initCwd: string;
  /** The workspace's folder under it, where npm runs the script. */
  readonly workspace: string;
  start(vars?: Record<string, string>): ServiceRun;
  /** Removes the temporary folders. */
  remove(): void;
}

/**
 * Prepares an app's built entry (`dist/main.js`, what `npm start` runs) to be started as
 * `npm start -w @breachless/<app>` would from a fresh folder: INIT_CWD set, the workspace's folder as working directory, no DATABASE_URL or
 * BREACHLESS_DATA_DIR inherited from the test's own environment.
 * @param vars variables every start gets (port, log level, credentials)
 */
export function serviceUnderTest(
  app: string,
  main: string,
  vars: Record<string, string>,
): ServiceUnderTest {
  const initCwd = mkdtempSync(join(tmpdir(), `breachless ${app} start `));
  const workspace = join(initCwd, 'apps', app);
  mkdirSync(workspace, { recursive: true });
  const start = (more: Record<string, string> = {}): ServiceRun => {
    const { DATABASE_URL: _, BREACHLESS_DATA_DIR: __, ...inherited } = process.env;
    const child = spawn(process.execPath, [main], {
      cwd: workspace,
      env: { ...inherited, INIT_CWD: initCwd, ...vars, ...more },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const outcome = new Promise<ServiceOutcome>((done) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const port = /"port":(\d+)/.exec(stdout)?.[1];
        if (port) done({ code: null, stderr, port: Number(port) });
      });
      child.on('exit', (code) => done({ code, stderr }));
    });
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    return {
      outcome,
      stop: () => {
        child.kill('SIGTERM');
        return exited;
      },
    };
  };
  return {
    initCwd,
    workspace,
    start,
    remove: () => rmSync(initCwd, { recursive: true, force: true }),
  };
}
