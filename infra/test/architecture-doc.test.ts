import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './services.js';

/** docs/architecture.md, the map a newcomer reads: kept true to the tree and the package files. */
const page = readFileSync(join(REPO, 'docs/architecture.md'), 'utf8');

/** What the repository holds at its top: a backticked path starting with one of these is ours. */
const topLevel = new Set(readdirSync(REPO).filter((name) => name !== 'node_modules'));

/** The workspaces the diagram draws: every package and app, by folder. */
const workspaces = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(join(REPO, dir))
    .map((name) => `${dir}/${name}`)
    .filter((folder) => existsSync(join(REPO, folder, 'package.json'))),
);

const manifest = (folder: string) =>
  JSON.parse(readFileSync(join(REPO, folder, 'package.json'), 'utf8')) as {
    name: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

/**
 * The diagram's nodes (`id["packages/core"]`) and edges as folder pairs: `a --> b` for a
 * dependency, `a -.-> b` for a dev dependency (what only a package's tests or benches load),
 * either with an optional label (`a -->|starts| b`).
 */
function diagram(text: string) {
  const block = /```mermaid\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  const folderOf = new Map(
    [...block.matchAll(/^\s*(\w+)\["((?:packages|apps)\/[\w-]+)"\]/gm)].map((m) => [m[1], m[2]]),
  );
  const edges = [...block.matchAll(/^\s*(\w+)\s*(-->|-\.->)(?:\|[^|]*\|)?\s*(\w+)\s*$/gm)].map(
    (m) => `${folderOf.get(m[1] ?? '') ?? m[1]} ${m[2]} ${folderOf.get(m[3] ?? '') ?? m[3]}`,
  );
  return { nodes: [...folderOf.values()], edges };
}

describe('docs/architecture.md', () => {
  it('names only paths that exist in the repository', () => {
    const paths = [...page.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1] ?? '')
      .filter((path) => topLevel.has(path.split('/')[0] ?? ''));
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(join(REPO, path)))).toEqual([]);
  });

  it('draws every package and app, and exactly the dependencies their package.json files declare', () => {
    const folderOfName = new Map(workspaces.map((folder) => [manifest(folder).name, folder]));
    const declared = workspaces.flatMap((folder) => {
      const m = manifest(folder);
      const edges = (deps: Record<string, string> = {}, arrow: string) =>
        Object.keys(deps)
          .filter((name) => folderOfName.has(name))
          .map((name) => `${folder} ${arrow} ${folderOfName.get(name)}`);
      return [...edges(m.dependencies, '-->'), ...edges(m.devDependencies, '-.->')];
    });
    const drawn = diagram(page);
    expect(drawn.nodes.sort()).toEqual([...workspaces].sort());
    expect(drawn.edges.sort()).toEqual(declared.sort());
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain('(docs/architecture.md)');
  });
});
