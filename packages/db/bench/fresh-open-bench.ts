/**
 * Opening the embedded database on a data directory that does not exist yet, migrated and
 * ready, as `breachless migrate` and `npm start` do: initdb plus every migration, against
 * loading the build's migrated image. Alternated runs (5 of each by default, BENCH_RUNS),
 * each in a new directory, median and spread printed. Needs the build's image
 * (`npm run build -w @breachless/db`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageFile } from '../src/pglite/image.js';
import { openDatabase } from '../src/storage/client.js';

if (!existsSync(imageFile())) {
  console.error(
    `fresh-open bench: no image at ${imageFile()}: run npm run build -w @breachless/db`,
  );
  process.exit(1);
}
const runs = Number(process.env.BENCH_RUNS ?? 5);
const root = mkdtempSync(join(tmpdir(), 'breachless fresh open '));

async function openFresh(migrating: boolean, n: number): Promise<number> {
  const started = performance.now();
  const handle = await openDatabase({ dataDir: join(root, `${migrating}-${n}`), migrating });
  await handle.migrate();
  const ms = performance.now() - started;
  await handle.close();
  return ms;
}

const times = { initdb: [] as number[], image: [] as number[] };
for (let n = 0; n < runs; n++) {
  times.initdb.push(await openFresh(false, n));
  times.image.push(await openFresh(true, n));
}
rmSync(root, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
for (const [path, xs] of Object.entries(times)) {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `${path.padEnd(6)} median ${s(median(xs))} s (min ${s(Math.min(...xs))}, max ${s(Math.max(...xs))}, ${xs.length} runs)`,
  );
}
