import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './services.js';

/** What a reader of the repository gets: the README and every page of docs/. */
const pages = [
  'README.md',
  ...readdirSync(`${REPO}docs`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const text = (page: string) => readFileSync(join(REPO, page), 'utf8');

describe('README.md and docs/', () => {
  it.each(pages)('%s: no reference a reader of a clone cannot follow', (page) => {
    const lines = text(page).split('\n');
    // Issue numbers of our tracker and the shared spec beside the repository mean nothing
    // in a user's clone.
    const internal = lines
      .map((line, i) => [i + 1, line] as const)
      .filter(([, line]) => /\bissues? #?\d+|\.\.\/shared\b/i.test(line))
      .map(([n, line]) => `${page}:${n}: ${line.trim().slice(0, 100)}`);
    expect(internal).toEqual([]);
  });

  it.each(pages)('%s: every relative link leads to a file or folder of the repository', (page) => {
    const targets = [...text(page).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => (m[1] ?? '').split('#')[0] ?? '')
      .filter((t) => t !== '' && !/^[a-z]+:/i.test(t));
    for (const target of targets) {
      const path = join(REPO, dirname(page), target);
      expect(relative(REPO, path).startsWith('..'), `${page} -> ${target}`).toBe(false);
      expect(existsSync(path), `${page} -> ${target}`).toBe(true);
    }
  });
});
