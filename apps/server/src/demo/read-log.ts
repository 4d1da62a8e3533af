import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readEvents } from '@breachless/connectors';
import type { TicketEvent } from '@breachless/core';
import { readPrebuiltEvents } from './prebuilt-events.js';

/**
 * The log's events in time order: as the build parsed them when its file matches this log
 * and parser (prebuilt-events.ts: a tenth of a parse's CPU), or else parsed here.
 */
export async function readLog(path: string): Promise<TicketEvent[]> {
  return (await readPrebuiltEvents(path)) ?? readLogInWorker(path);
}

/**
 * The log's events in time order, read and parsed on a worker thread: the main thread opens
 * and migrates the embedded database meanwhile (each takes seconds of CPU), so a first start
 * waits for the longer of the two instead of their sum. Run from the TypeScript sources
 * (`npm run dev`), a worker thread would not have tsx's loader: the log is read here then.
 */
export function readLogInWorker(path: string): Promise<TicketEvent[]> {
  const here = fileURLToPath(import.meta.url);
  if (extname(here) !== '.js') return readEvents(path, 'servicenow-csv');
  const worker = new Worker(new URL('./read-log-worker.js', import.meta.url), {
    workerData: { path },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (events: TicketEvent[]) => resolve(events));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`reading ${path} stopped (worker exit code ${code})`)),
    );
  });
}
