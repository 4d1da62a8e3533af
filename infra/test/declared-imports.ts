import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Import, isShipped } from './dependency-rules.js';

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The workspaces under `root` whose imports are judged: packages, apps and tooling/soak. */
function workspaces(root: string): Map<string, Manifest> {
  const folders = ['packages', 'apps', 'tooling'].flatMap((dir) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => `${dir}/${name}`) : [],
  );
  return new Map(
    folders
      .filter((folder) => existsSync(join(root, folder, 'package.json')))
      .map((folder) => [
        folder,
        JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as Manifest,
      ]),
  );
}

/**
 * Imports from one workspace into another that its package.json does not declare: shipped code
 * needs the package in `dependencies` (an install without dev dependencies must still run it),
 * tests and benchmarks in either. npm hoists every workspace into the root node_modules, so
 * an undeclared import works here and breaks the image, the build order or the diagram of
 * docs/architecture.md, which is drawn from these files.
 */
export function undeclaredImports(root: string, imports: readonly Import[]): string[] {
  const all = workspaces(root);
  const folderOf = (path: string) =>
    [...all.keys()].find((folder) => path.startsWith(`${folder}/`));
  const problems = new Set<string>();
  for (const { from, to } of imports) {
    const source = folderOf(from);
    const target = folderOf(to);
    if (!source || !target || source === target) continue;
    const manifest = all.get(source) ?? {};
    const name = all.get(target)?.name ?? target;
    const shipped = isShipped(from);
    const declared = shipped
      ? manifest.dependencies?.[name]
      : (manifest.dependencies?.[name] ?? manifest.devDependencies?.[name]);
    if (declared) continue;
    const where = shipped ? 'dependencies' : 'dependencies or devDependencies';
    problems.add(`${from} -> ${to}: ${name} is not in ${source}/package.json ${where}`);
  }
  return [...problems].sort();
}
