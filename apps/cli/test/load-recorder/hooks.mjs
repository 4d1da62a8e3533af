// Loader hooks (node:module `register`) that append each loaded module's URL to a file.
import { appendFileSync } from 'node:fs';

let log;

/** Receives the file to append to from `register`. */
export function initialize(data) {
  log = data.log;
}

/** Records the URL, then loads as usual. */
export async function load(url, context, nextLoad) {
  appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}
