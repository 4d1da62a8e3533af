// Reads the sample log off the main thread (see `readLogInWorker`) and posts its events back.
import { parentPort, workerData } from 'node:worker_threads';
import { readEvents } from '@breachless/connectors';

parentPort?.postMessage(await readEvents((workerData as { path: string }).path, 'servicenow-csv'));
