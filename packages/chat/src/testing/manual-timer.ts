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
   * Lets everything run, jumping the clock to the next deadline whenever all work is waiting
   * on time, until `done()` holds or no sleeper is left. `settle` waits for real I/O (a fake
   * HTTP server, the database) between steps.
   */
  async runUntil(done: () => boolean, limitMs = 3_600_000): Promise<void> {
    const end = this.#now + limitMs;
    let idleSpins = 0;
    for (;;) {
      await settle();
      if (done()) return;
      const next = this.#waiting.sort((a, b) => a.at - b.at)[0];
      if (next && next.at > end) return;
      if (next) {
        idleSpins = 0;
        await this.advanceTo(next.at);
        continue;
      }
      // Nobody waits on time, so work is in flight (an HTTP call, a query): give it real
      // milliseconds, then look again; give up if it never finishes.
      if (++idleSpins > 2_000) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/** Lets pending promise chains and I/O callbacks run before time moves on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
