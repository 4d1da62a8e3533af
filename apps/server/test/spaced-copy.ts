import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The work tree this test runs from. */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A copy of the repository's files (tracked, and new ones not ignored) under a folder whose
 * name has a space, as a clone into `.../with space/` would be. A symlinked checkout would
 * not do: Node resolves symlinks for ESM, so the modules would load from the real, space-free
 * path. Installed packages are linked, not copied: they resolve to their real place, which is
 * right, while our workspaces (`node_modules/@breachless/*`) point into the copy. Their
 * builds (`dist/`, ignored by git) are copied too: what `npm ci` would have built there.
 * @returns the copy's root, ending in `/`
 */
export function spacedCopy(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'breachless-')), 'with space', 'breachless');
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  for (const file of listed.split('\0')) {
    // A file deleted in the work tree but still in the index is not part of what runs.
    if (file === '' || !existsSync(join(REPO, file))) continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    // A symlink is checked out as a symlink (a copy of its target's bytes would fail on a folder).
    if (lstatSync(join(REPO, file)).isSymbolicLink())
      symlinkSync(readlinkSync(join(REPO, file)), join(root, file));
    else copyFileSync(join(REPO, file), join(root, file));
  }
  linkInstalled(root);
  for (const workspace of WORKSPACES) {
    const dist = join(REPO, workspace, 'dist');
    if (existsSync(dist)) cpSync(dist, join(root, workspace, 'dist'), { recursive: true });
  }
  return `${root}/`;
}

/** The workspaces that build (each has a `tsconfig.build.json`), as `packages/db`. */
const WORKSPACES = ['packages', 'apps'].flatMap((folder) =>
  readdirSync(join(REPO, folder))
    .map((name) => `${folder}/${name}`)
    .filter((workspace) => existsSync(join(REPO, workspace, 'tsconfig.build.json'))),
);

function linkInstalled(root: string): void {
  const modules = join(REPO, 'node_modules');
  mkdirSync(join(root, 'node_modules', '@breachless'), { recursive: true });
  for (const name of readdirSync(modules)) {
    if (name === '@breachless' || name === '.bin') continue;
    symlinkSync(join(modules, name), join(root, 'node_modules', name));
  }
  // The commands npx and npm scripts run (`breachless`) are relative links too: linked from the
  // copy's own folder, `npx breachless` runs the copy's CLI, not this work tree's.
  mkdirSync(join(root, 'node_modules', '.bin'));
  for (const name of readdirSync(join(modules, '.bin')))
    symlinkSync(
      readlinkSync(join(modules, '.bin', name)),
      join(root, 'node_modules', '.bin', name),
    );
  // Workspace links are relative (`../../apps/api`): the same targets land in the copy.
  for (const name of readdirSync(join(modules, '@breachless')))
    symlinkSync(
      readlinkSync(join(modules, '@breachless', name)),
      join(root, 'node_modules', '@breachless', name),
    );
  // A workspace's own node_modules holds the versions only it uses (core's moment-timezone).
  for (const workspace of ['packages', 'apps', 'tooling']) {
    if (!existsSync(join(REPO, workspace))) continue;
    for (const name of readdirSync(join(REPO, workspace))) {
      const own = join(REPO, workspace, name, 'node_modules');
      if (existsSync(own) && existsSync(join(root, workspace, name)))
        symlinkSync(own, join(root, workspace, name, 'node_modules'));
    }
  }
}
