import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { undeclaredImports } from './declared-imports.js';
import { type Cruise, cruiseTree, describeViolations, ruleNames } from './dependency-rules.js';
import { REPO } from './services.js';

/** A package of node_modules that resolves like the real one: a package.json and an entry. */
const npmPackage = (name: string) => ({
  [`node_modules/${name}/package.json`]: JSON.stringify({ name, main: 'index.js' }),
  [`node_modules/${name}/index.js`]: 'module.exports = {};',
});

/**
 * A tiny monorepo that breaks every rule once, beside imports that are allowed (an SDK in its
 * own app, core's own libraries, `module` in holidays.ts), so a rule that fires too widely
 * fails as surely as one that never fires.
 */
const violating: Record<string, string> = {
  ...npmPackage('luxon'),
  ...npmPackage('pg'),
  ...npmPackage('@slack/bolt'),
  ...npmPackage('@slack/web-api'),
  ...npmPackage('botbuilder'),
  'packages/core/package.json': JSON.stringify({ name: '@breachless/core' }),
  'packages/jobs/package.json': JSON.stringify({
    name: '@breachless/jobs',
    devDependencies: { '@breachless/db': '*' },
  }),
  // Shipped code needs db in dependencies; its tests may have it in devDependencies.
  'packages/jobs/src/index.ts': [
    "export { db } from '@breachless/db';",
    "export { worker } from '../../../apps/worker/src/main.js';",
  ].join('\n'),
  'packages/jobs/test/jobs.test.ts': "export { db } from '@breachless/db';",
  'packages/db/package.json': JSON.stringify({
    name: '@breachless/db',
    exports: { '.': { source: './src/index.ts', default: './dist/index.js' } },
  }),
  'packages/core/src/index.ts': [
    "import { DateTime } from 'luxon';",
    "import { db } from '@breachless/db';",
    "import { readFileSync } from 'node:fs';",
    "import pg from 'pg';",
    'export const all = [DateTime, db, readFileSync, pg];',
  ].join('\n'),
  'packages/core/src/calendar/holidays.ts': [
    "import { createRequire } from 'node:module';",
    "import { join } from 'node:path';",
    'export const load = [createRequire, join];',
  ].join('\n'),
  // A circle through a type-only import is a circle all the same.
  'packages/core/src/config/types.ts':
    "import type { Schema } from './schema.js';\nexport type T = Schema;",
  'packages/core/src/config/schema.ts':
    "import type { T } from './types.js';\nexport type Schema = { t?: T };",
  'packages/db/src/index.ts': [
    "import { WebClient } from '@slack/web-api';",
    "import { TurnContext } from 'botbuilder';",
    "import { fake } from './testing.js';",
    "import { service } from './testing-service.js';",
    "import { build } from '../../../tooling/build.js';",
    'export const db = [WebClient, TurnContext, fake, service, build];',
  ].join('\n'),
  'packages/db/src/testing.ts': 'export const fake = 1;',
  // One db folder reaching into another past its index.ts, beside one going through it.
  'packages/db/src/ingest/ingest.ts': [
    "import { write } from '../outbox/write.js';",
    "import { outbox } from '../outbox/index.js';",
    'export const ingest = [write, outbox];',
  ].join('\n'),
  'packages/db/src/outbox/write.ts': 'export const write = 1;',
  'packages/db/src/outbox/index.ts': "export { write as outbox } from './write.js';",
  'packages/db/src/testing-service.ts': 'export const service = 1;',
  'apps/api/src/main.ts':
    "import { worker } from '../../worker/src/main.js';\nexport const api = worker;",
  'apps/worker/src/main.ts': 'export const worker = 1;',
  'apps/slack/src/app.ts': "import { App } from '@slack/bolt';\nexport const app = App;",
  'apps/teams/src/app.ts':
    "import { TeamsActivityHandler } from 'botbuilder';\nexport const bot = TeamsActivityHandler;",
  'tooling/build.ts': 'export const build = 1;',
};

/** What each rule must say about the layout above, and nothing more. */
const expected = [
  ['core-imports-nothing-of-ours', 'packages/core/src/index.ts', 'packages/db/src/index.ts'],
  ['core-uses-only-its-libraries', 'packages/core/src/index.ts', 'node_modules/pg/index.js'],
  ['core-does-no-io', 'packages/core/src/index.ts', 'fs'],
  ['core-holidays-loads-only-module', 'packages/core/src/calendar/holidays.ts', 'path'],
  ['apps-never-import-each-other', 'apps/api/src/main.ts', 'apps/worker/src/main.ts'],
  ['packages-never-import-apps', 'packages/jobs/src/index.ts', 'apps/worker/src/main.ts'],
  [
    'slack-sdk-only-in-apps-slack',
    'packages/db/src/index.ts',
    'node_modules/@slack/web-api/index.js',
  ],
  ['teams-sdk-only-in-apps-teams', 'packages/db/src/index.ts', 'node_modules/botbuilder/index.js'],
  ['tooling-not-in-shipped-code', 'packages/db/src/index.ts', 'packages/db/src/testing.ts'],
  ['tooling-not-in-shipped-code', 'packages/db/src/index.ts', 'packages/db/src/testing-service.ts'],
  ['tooling-not-in-shipped-code', 'packages/db/src/index.ts', 'tooling/build.ts'],
  [
    'db-folders-entered-through-their-index',
    'packages/db/src/ingest/ingest.ts',
    'packages/db/src/outbox/write.ts',
  ],
];

/** The repository's cruise, once for both of its tests (about 9 s of CPU: a parse of every file). */
let repo: Promise<Cruise> | undefined;
const repoCruise = () => {
  repo ??= cruiseTree(REPO);
  return repo;
};

describe('the dependency rules (.dependency-cruiser.cjs)', () => {
  it('hold in this repository', async () => {
    const { violations } = await repoCruise();
    expect(
      violations,
      `imports that break the rules of the shape:\n${describeViolations(violations)}`,
    ).toEqual([]);
  });

  it("every import of another workspace is declared in the importer's package.json", async () => {
    const { imports } = await repoCruise();
    expect(imports.length).toBeGreaterThan(1000);
    expect(undeclaredImports(REPO, imports)).toEqual([]);
  });

  const root = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('each fire on a layout that breaks them, naming the offending import', async () => {
    for (const [path, text] of Object.entries(violating)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    mkdirSync(join(root, 'node_modules/@breachless'), { recursive: true });
    symlinkSync(join(root, 'packages/db'), join(root, 'node_modules/@breachless/db'), 'dir');

    const { violations, imports } = await cruiseTree(root, ['packages', 'apps', 'tooling']);
    const circles = violations.filter((v) => v.rule === 'no-import-circles');
    const others = violations.filter((v) => v.rule !== 'no-import-circles');

    expect(others.map((v) => [v.rule, v.from, v.to]).sort()).toEqual(expected.sort());
    expect(describeViolations(circles)).toBe(
      'no-import-circles: packages/core/src/config/schema.ts -> packages/core/src/config/types.ts -> packages/core/src/config/schema.ts',
    );
    // Every rule of the config is exercised here: a new rule comes with its own case.
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(ruleNames));
    expect(undeclaredImports(root, imports)).toEqual([
      'packages/core/src/index.ts -> packages/db/src/index.ts: @breachless/db is not in packages/core/package.json dependencies',
      'packages/jobs/src/index.ts -> packages/db/src/index.ts: @breachless/db is not in packages/jobs/package.json dependencies',
    ]);
  });
});
