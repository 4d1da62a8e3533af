import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer } from './server-process.js';
import { REPO, spacedCopy } from './spaced-copy.js';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` from `cwd`, on the embedded database, as a user's terminal would. */
async function node(cwd: string, args: readonly string[]): Promise<Ran> {
  const env = { ...process.env, DATABASE_URL: '' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The migrated PGlite image packages/db's build writes into its dist/. */
const isImage = (name: string) => /^pglite-image-[0-9a-f]+\.tar\.gz$/.test(name);

/** A chart's label, drawn with the bundled font (a missing font draws no labels). */
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="4" y="20" font-size="16">Breached 7</text></svg>';

/** The PNG of SVG as the built module draws it in `root`, hashed. */
async function pngHash(root: string): Promise<string> {
  const { renderPng } = await import(pathToFileURL(`${root}packages/jobs/dist/png.js`).href);
  return createHash('sha256').update(renderPng(SVG)).digest('hex');
}

/**
 * What each module finds through a path made from its own URL: the migrations, the sample
 * log (the demo's and the soak's), the chat apps' entries, the soak's results folder, and a
 * PNG drawn with the bundled font (a missing font draws no labels). The built modules, as
 * they run; the soak runs from its sources.
 */
const PROBE = `
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
const at = (file) => import(new URL(file, process.argv[1]).href);
const { MIGRATIONS_FOLDER } = await at('packages/db/dist/storage/database.js');
const { SAMPLE_LOG } = await at('apps/server/dist/demo/replay.js');
const soak = await at('tooling/soak/src/traffic.ts');
const { options } = await at('tooling/soak/src/options.ts');
const { configuredChatApps } = await at('apps/server/dist/chat-apps.js');
const { renderPng } = await at('packages/jobs/dist/png.js');
const apps = configuredChatApps({ SLACK_BOT_TOKEN: 'x', MICROSOFT_APP_ID: 'y' }, { slack: 1, teams: 2 });
const svg = ${JSON.stringify(SVG)};
console.log(JSON.stringify({
  migrations: existsSync(MIGRATIONS_FOLDER + '/meta/_journal.json'),
  demoLog: existsSync(SAMPLE_LOG),
  soakLog: existsSync(soak.SAMPLE_LOG),
  soakOut: existsSync(dirname(options([]).out)),
  chatApps: apps.map((a) => existsSync(a.entry)),
  png: createHash('sha256').update(renderPng(svg)).digest('hex'),
}));
`;
const probe = (root: string) =>
  node(root, [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    PROBE,
    // The root as a file URL that ends in `/`: the probe resolves each module against it.
    pathToFileURL(root).href,
  ]);

describe('a clone in a folder whose name has a space', () => {
  let copy: string;
  beforeAll(() => {
    copy = spacedCopy();
    expect(copy).toContain('/with space/');
  });

  it('finds every file its modules locate from their own URL, as the same modules do here', async () => {
    const there = await probe(copy);
    expect(there.stderr).toBe('');
    const found = JSON.parse(there.stdout);
    expect(found).toMatchObject({
      migrations: true,
      demoLog: true,
      soakLog: true,
      soakOut: true,
      chatApps: [true, true],
    });
    // The chart's labels are drawn with the bundled font there too: the same PNG as here.
    expect(found.png).toBe(await pngHash(REPO));
  });

  it('builds a workspace there as `npm ci` does: a module in dist/ for each in src/', async () => {
    const workspace = `${copy}packages/db`;
    // Every module goes, the migrated image stays: the build's last step (db's build-step.ts)
    // names the image from the migrations it finds through its own URL, here under the space,
    // and keeps a file of that name. Writing it again would be initdb and every migration in
    // memory (some 5 s of CPU), where no path is involved.
    const [image, ...more] = readdirSync(`${workspace}/dist`).filter(isImage);
    expect(image).toBeDefined();
    expect(more).toEqual([]);
    for (const entry of readdirSync(`${workspace}/dist`))
      if (entry !== image) rmSync(`${workspace}/dist/${entry}`, { recursive: true });
    const built = await node(workspace, [`${copy}tooling/build.mjs`]);
    expect(built).toEqual({ code: 0, stdout: '', stderr: '' });
    // The build removes what it did not write or keep: the step ran there and kept an image
    // (this one, unless the migrations changed since the build this copy was made from).
    expect(readdirSync(`${workspace}/dist`).filter(isImage)).toHaveLength(1);
    const modules = (dir: string, ext: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith(ext) && !f.endsWith(`.test${ext}`))
        .map((f) => f.slice(0, -ext.length))
        .sort();
    expect(modules(`${workspace}/dist`, '.js')).toEqual(modules(`${workspace}/src`, '.ts'));
  });

  it('migrates with `breachless migrate`, then starts the demo (npm start) on that database', async () => {
    const migrated = await node(copy, ['apps/cli/bin/breachless.js', 'migrate']);
    expect(migrated.stderr).toBe('');
    expect(migrated).toMatchObject({ code: 0 });
    expect(migrated.stdout).toContain(
      `migrations applied: embedded PGlite in ${join(copy, '.breachless')}`,
    );
    const server = startServer(
      ['--demo'],
      { BREACHLESS_DATA_DIR: './.breachless', BREACHLESS_DEMO_SPEED: '20000' },
      /Breachless is running/,
      copy,
    );
    await server.seen;
    expect(await stopServer(server.child), server.output().slice(-800)).toBe(0);
    expect(server.output()).toContain('Starting the demo at');
    expect(server.output()).not.toContain('%20');
    expect(existsSync(`${copy}.breachless-demo`)).toBe(true);
  });

  it('adds up test reports (npm test) and packages the Teams app', async () => {
    expect(await node(copy, ['tooling/test-summary.mjs', 'clean'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const packaged = await node(copy, [
      '--import',
      'tsx',
      'apps/teams/scripts/package-app.ts',
      '--app-id',
      '00000000-0000-4000-8000-000000000000',
      '--host',
      'breachless.example.com',
    ]);
    const zip = `${copy}infra/teams/build/breachless-teams.zip`;
    expect(packaged).toMatchObject({ code: 0, stdout: `wrote ${zip}\n` });
    expect(existsSync(zip)).toBe(true);
  });
});
