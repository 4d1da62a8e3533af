import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_DIR, SHARED_CONFORMANCE_DIR } from './conformance.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Every file of a conformance folder but our list of hashes, by relative path. */
function snapshot(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir)
      .map((path) => [relative(dir, path), readFileSync(path, 'utf8')] as const)
      .filter(([file]) => file !== 'SHA256SUMS'),
  );
}

describe('the conformance copy', () => {
  it('holds the calendar cases and scenarios', () => {
    const files = [...snapshot(CONFORMANCE_DIR).keys()];
    expect(files).toContain('calendar-cases.ndjson');
    expect(files.filter((f) => f.endsWith('expected.json')).length).toBeGreaterThanOrEqual(12);
  });

  // Everywhere, a clean clone included: the copy holds exactly the files it was committed
  // with, byte for byte (`cd conformance && sha256sum -c SHA256SUMS` says the same).
  it('matches the committed SHA256SUMS', () => {
    const sums = readFileSync(join(CONFORMANCE_DIR, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/ +/).reverse() as [string, string]);
    expect(sums.length).toBeGreaterThanOrEqual(25);
    const ours = snapshot(CONFORMANCE_DIR);
    expect([...ours.keys()].sort()).toEqual(sums.map(([file]) => file).sort());
    for (const [file, sum] of sums) {
      const bytes = readFileSync(join(CONFORMANCE_DIR, file));
      expect({ file, sum: createHash('sha256').update(bytes).digest('hex') }).toEqual({
        file,
        sum,
      });
    }
  });

  // Where ../shared exists (a developer's machine, CI), the copy must be byte-identical,
  // so that a change to the decided cases reaches the suite instead of drifting silently.
  it.runIf(existsSync(SHARED_CONFORMANCE_DIR))('is byte-identical to ../shared/conformance', () => {
    const shared = snapshot(SHARED_CONFORMANCE_DIR);
    const ours = snapshot(CONFORMANCE_DIR);
    expect([...ours.keys()].sort()).toEqual([...shared.keys()].sort());
    for (const [file, text] of shared)
      expect({ file, same: ours.get(file) === text }).toEqual({ file, same: true });
  });
});
