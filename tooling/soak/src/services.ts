import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './load.js';

/**
 * An app's built entry, run as production runs it: its own process, its environment
 * (`npm run soak` builds first).
 */
const entry = (app: string) =>
  fileURLToPath(new URL(`../../../apps/${app}/dist/main.js`, import.meta.url));

/**
 * One service of the soak as a process of its own, restartable: the API, a worker, the
 * Slack app. Its output goes to `<dir>/<name>.log` (appended across restarts).
 */
export class Service {
  #child: ChildProcess | undefined;
  #exited: Promise<unknown> | undefined;

  constructor(
    readonly name: string,
    private readonly app: string,
    private readonly env: Record<string, string>,
    private readonly dir: string,
  ) {}

  start(): void {
    const log = createWriteStream(join(this.dir, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [entry(this.app)], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.#child = child;
    this.#exited = once(child, 'exit');
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && !this.#child.killed;
  }

  /** Kills the process the way a crash or an OOM kill does: no cleanup at all. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL');
    await this.#exited;
  }

  /** Kills it at once, from an exit handler (nothing may wait there). */
  killNow(): void {
    if (this.running) this.#child?.kill('SIGKILL');
  }

  /** Stops it as Kubernetes does (SIGTERM), waiting for it to finish what it holds. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.#child?.kill('SIGTERM');
    await Promise.race([this.#exited, sleep(30_000)]);
    if (this.running) await this.kill();
  }
}

/** Waits until `url` answers 200 (a service's health or readiness probe). */
export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}
