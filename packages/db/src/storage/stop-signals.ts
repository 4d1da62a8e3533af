import { constants } from 'node:os';

/** What the signals come from: `process`, or a fake emitter in tests. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface StopOnSignalsOptions {
  /** Ends the process: `process.exit`. */
  readonly exit: (code: number) => void;
  /** Writes one line for the user (standard error). */
  readonly say: (line: string) => void;
  /** Real time (`Date.now`), to tell one press from the next. */
  readonly clock?: () => number;
}

// Signals closer together than this are one press: tsx resends the terminal's SIGINT to its
// child 30 ms later, and signals that came while the event loop was busy arrive together.
// A person's two presses are further apart.
const BURST_MS = 100;

/** The stop that signals start, set once the service is up. */
export interface SignalStop {
  /**
   * How this service stops cleanly; a signal that came before runs it now.
   * Resolving, the process exits 0; rejecting, it says why and exits 1.
   */
  stopWith(stop: () => Promise<void>): void;
}

/**
 * Stops a service on SIGINT and SIGTERM from the first moment it runs. The first press starts
 * the clean stop; a second while it runs only says it is still stopping (a user pressing
 * Ctrl-C twice must not start a second stop, nor kill it halfway through a write, as `once`
 * did); a third forces: exit 128 + the signal's number at once, said in one line. Signals of
 * one burst count as one press: a blocked event loop delivers them together, and tsx resends
 * the terminal's SIGINT when its child is slow to answer.
 * @param source `process`
 * @param name the service in the lines it says ("breachless api")
 */
export function stopOnSignals(
  source: SignalSource,
  name: string,
  options: StopOnSignalsOptions,
): SignalStop {
  const clock = options.clock ?? Date.now;
  let presses = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  let stop: (() => Promise<void>) | undefined;
  let started = false;

  const run = () => {
    if (started || !stop || presses === 0) return;
    started = true;
    stop().then(
      () => options.exit(0),
      (error: unknown) => {
        // A stop that failed has not released what it holds: say so, and not with code 0.
        options.say(`${name}: could not stop cleanly: ${(error as Error).message}`);
        options.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    const now = clock();
    const sameBurst = now - lastAt < BURST_MS;
    lastAt = now;
    if (sameBurst) return;
    presses += 1;
    if (presses === 1) return run();
    if (presses === 2) {
      options.say(`${name}: still stopping (finishing the work in flight); once more forces.`);
      return;
    }
    options.say(
      `${name}: forced to stop by a third ${signal}: what was in flight is not committed.`,
    );
    options.exit(128 + constants.signals[signal]);
  };
  source.on('SIGINT', onSignal);
  source.on('SIGTERM', onSignal);
  return {
    stopWith(next) {
      stop = next;
      run();
    },
  };
}
