// How long a newcomer waits: `npm start` spawned on a fresh data directory, the real seconds
// until each milestone line is printed, the first alert last. Run from the repository root:
//   node apps/server/bench/first-alert.mjs [runs]
// A fresh directory each run (nothing cached from an earlier demo); the process is stopped
// with SIGINT once the first alert is printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MILESTONES = [
  ['Starting the demo', 'log read'],
  ['Breachless is running', 'running'],
  [/\[console chat \S+ #\d+\] [⚠✖]/u, 'first alert'],
];

function once() {
  return new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), 'first-alert-'));
    const started = performance.now();
    const child = spawn('npm', ['start'], {
      env: { ...process.env, BREACHLESS_DATA_DIR: join(dir, 'data'), PORT: '0' },
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true,
    });
    const seen = {};
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      for (const [pattern, name] of MILESTONES)
        if (!(name in seen) && buffer.search(pattern) >= 0)
          seen[name] = Math.round((performance.now() - started) / 100) / 10;
      if ('first alert' in seen) process.kill(-child.pid, 'SIGINT');
    });
    child.on('exit', () => {
      rmSync(dir, { recursive: true, force: true });
      'first alert' in seen ? resolve(seen) : reject(new Error(`no alert:\n${buffer}`));
    });
  });
}

const runs = Number(process.argv[2] ?? 1);
for (let i = 0; i < runs; i++) console.log(JSON.stringify(await once()));
