// `node --import` this file to record every module the process loads, one URL a line, into
// the file named by BREACHLESS_LOAD_LOG: ES modules as the loader loads them (hooks.mjs),
// CommonJS ones from require's cache when the process exits (on Node 20, `require` does not
// pass through loader hooks, and date-holidays is loaded with `require`).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const log = process.env.BREACHLESS_LOAD_LOG;
if (!log) throw new Error('BREACHLESS_LOAD_LOG must name the file to record loaded modules in');
register(new URL('./hooks.mjs', import.meta.url), { data: { log } });

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const urls = Object.keys(cache).map((path) => pathToFileURL(path).href);
  appendFileSync(log, urls.map((url) => `${url}\n`).join(''));
});
