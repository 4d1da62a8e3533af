/** The time a delivery loop runs on: the clock and a way to wait. Tests pass a manual one. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Real time. */
export const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
