import type { Timer } from '../delivery/timer.js';

/**
 * Virtual time for tests: `sleep` waits until `advance` or `runUntilIdle` moves the clock past
 * its deadline, so a test of a one-second pace or a 30-second Retry-After runs in
 * milliseconds and never sleeps for real.
 */
export class ManualTimer implements Timer {
  #now: number;
  #waiting: { at: number; resolve: () => void }[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push({ at: this.#now + Math.max(0, ms), resolve });
    });
  }

  /** Moves the clock to `at`, waking every sleeper whose deadline has come, in order. */
  async advanceTo(at: number): Promise<void> {
    for (;;) {
      await settle();
      const next = this.#waiting.filter((w) => w.at <= at).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#now = Math.max(this.#now, next.at);
      this.#waiting = this.#waiting.filter((w) => w !== next);
      next.resolve();
    }
    this.#now = Math.max(this.#now, at);
  }

  /**
   * Lets everything run, jumping the clock to the next deadline whenever all work waits on
   * time, until `done()` holds or no sleeper is left. Work in flight (an HTTP call, a query)
   * gets real milliseconds first: time never moves while `busy()` says something is running,
   * so a slow database cannot make a one-second pace look like thirty.
   */
  async runUntil(
    done: () => boolean,
    options: { busy?: () => boolean; limitMs?: number } = {},
  ): Promise<void> {
    const end = this.#now + (options.limitMs ?? 3_600_000);
    let idleSpins = 0;
    for (;;) {
      await settle();
      if (done()) return;
      const next = this.#waiting.sort((a, b) => a.at - b.at)[0];
      if (next && next.at > end) return;
      if (next && !options.busy?.()) {
        idleSpins = 0;
        await this.advanceTo(next.at);
        continue;
      }
      if (++idleSpins > 5_000) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/** Lets pending promise chains and I/O callbacks run before time moves on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
