import type { ReportRow } from '@breachless/core';

/** How long a finished report stays to be fetched by the client it answered 202. */
const KEEP_MS = 10 * 60_000;
/** Reports kept at once, finished or running; the oldest goes first (each is <= 10,000 rows). */
const MOST = 50;

interface Job {
  readonly rows: Promise<ReportRow[]>;
  /** Stops the computation between periods: every client waiting left before a 202. */
  readonly stop: AbortController;
  /** Requests waiting on it now. */
  waiting: number;
  /** Whether a client was told to come back for it (a 202): then it runs to its end. */
  promised: boolean;
  /** When it finished (the clock's milliseconds), or undefined while it runs. */
  finishedAt?: number;
}

/** The outcome of asking for a report: its rows, or that it runs on (ask again later). */
type ReportAnswer = { readonly rows: ReportRow[] } | { readonly running: true };

/**
 * Reports that run longer than a client waits: a request waits `patience()` for its report,
 * and if it is not done by then, the report goes on in the background and the same request
 * made again (the 202's Location) gets it: joining the computation while it runs, or its rows
 * once done. The report is not stopped with the request: someone asked for it and is told
 * to come back. Reports grouped by day, week or month also store their closed periods, so
 * another replica asked the same later reads them; the rows kept here are this process's.
 * A report that fails is forgotten: the request waiting on it, or the next, gets the error.
 * One whose every client went away before any was told to come back is stopped (between
 * periods) with the client's reason: nobody will ask for it.
 */
export class ReportJobs {
  readonly #jobs = new Map<string, Job>();
  readonly #clock: () => number;

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  /**
   * The rows of the report `key` names (tenant and query), computing it with `compute` if
   * none runs or was kept; `running` when `patience` resolves first. `client` is the
   * request's signal (its client gone, or its time up).
   * @throws what `compute` throws, when it fails before `patience` resolves
   */
  async answer(
    key: string,
    compute: (signal: AbortSignal) => Promise<ReportRow[]>,
    patience: Promise<void>,
    client: AbortSignal,
  ): Promise<ReportAnswer> {
    this.#forgetOld();
    const job = this.#jobs.get(key) ?? this.#start(key, compute);
    job.waiting++;
    const leave = () => {
      job.waiting--;
      if (job.waiting === 0 && !job.promised) job.stop.abort(client.reason);
    };
    if (client.aborted) leave();
    else client.addEventListener('abort', leave, { once: true });
    try {
      const rows = job.rows.then((r) => ({ rows: r }));
      const answer = await Promise.race([rows, patience.then(() => ({ running: true as const }))]);
      if (!('rows' in answer)) job.promised = true;
      // Handed over: a client that came back for its rows does not get them twice.
      else if (job.finishedAt !== undefined) this.#jobs.delete(key);
      return answer;
    } finally {
      if (!client.aborted) {
        client.removeEventListener('abort', leave);
        job.waiting--;
      }
    }
  }

  #start(key: string, compute: (signal: AbortSignal) => Promise<ReportRow[]>): Job {
    const stop = new AbortController();
    const job: Job = { rows: compute(stop.signal), stop, waiting: 0, promised: false };
    this.#jobs.set(key, job);
    job.rows.then(
      () => {
        job.finishedAt = this.#clock();
      },
      () => this.#jobs.get(key) === job && this.#jobs.delete(key),
    );
    return job;
  }

  #forgetOld(): void {
    const now = this.#clock();
    for (const [key, job] of this.#jobs)
      if (job.finishedAt !== undefined && now - job.finishedAt > KEEP_MS) this.#jobs.delete(key);
    // Map order is insertion order: the first keys are the oldest.
    for (const key of [...this.#jobs.keys()].slice(0, Math.max(0, this.#jobs.size - MOST)))
      this.#jobs.delete(key);
  }
}
