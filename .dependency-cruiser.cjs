/**
 * The rules of the shape, as dependency-cruiser checks them (`infra/test/dependency-rules.test.ts`
 * runs this in `npm test`; `npx depcruise packages apps tooling infra` shows the same by hand).
 * Paths are relative to the folder cruised from, so the test can also cruise a small
 * violating layout in a temporary folder and see every rule fire.
 */

/** Files that only tests, benchmarks and scripts load: never shipped, never imported by what is. */
const notShipped = '(^|/)(test|bench|scripts)/|\\.test\\.ts$|(^|/)testing(/|[-.][^/]*$)';

/** What a package or app ships: its src/, less the tests kept beside the code. */
const shipped = '^(packages|apps)/[^/]+/src/';

/** The only libraries packages/core's shipped code uses: time, validation, YAML and holidays. */
const coreLibraries = '(^|/)node_modules/(luxon|zod|yaml|date-holidays|date-holidays-parser)/';

/**
 * The one Node module packages/core's shipped code may load, and where: holidays.ts loads
 * date-holidays (every country's rules) only when a calendar names a country. Anything else
 * (fs, net, a driver) would make the engine do I/O.
 */
const coreNodeModules = { file: '^packages/core/src/calendar/holidays', modules: '^module$' };

module.exports = {
  forbidden: [
    {
      name: 'core-imports-nothing-of-ours',
      comment:
        'packages/core is the pure engine: it imports no other package, app or tooling of ours.',
      severity: 'error',
      from: { path: '^packages/core/(src|test|bench|scripts)/' },
      to: { path: '^(packages/(?!core/)|apps/|tooling/|infra/)' },
    },
    {
      name: 'core-uses-only-its-libraries',
      comment:
        'packages/core (shipped code) uses only luxon, zod, yaml and date-holidays from npm.',
      severity: 'error',
      from: { path: '^packages/core/src/', pathNot: notShipped },
      // Our own folders are core-imports-nothing-of-ours' to judge; this rule judges the rest.
      to: {
        dependencyTypesNot: ['core'],
        pathNot: `^(packages|apps|tooling|infra)/|${coreLibraries}`,
      },
    },
    {
      name: 'core-does-no-io',
      comment:
        'packages/core (shipped code) loads no Node module but `module` in calendar/holidays: no files, network or database.',
      severity: 'error',
      from: { path: '^packages/core/src/', pathNot: `${notShipped}|${coreNodeModules.file}` },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-holidays-loads-only-module',
      comment:
        'calendar/holidays loads date-holidays through `module` (createRequire) and no other Node module.',
      severity: 'error',
      from: { path: coreNodeModules.file, pathNot: notShipped },
      to: { dependencyTypes: ['core'], pathNot: coreNodeModules.modules },
    },
    {
      name: 'apps-never-import-each-other',
      comment: 'An app is platform glue over packages; what two apps share belongs in a package.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'packages-never-import-apps',
      comment:
        'Dependencies point inward: an app uses packages, a package never reaches into an app.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'slack-sdk-only-in-apps-slack',
      comment:
        'The Slack SDKs (@slack/*) live only in apps/slack; the rest talks to the chat port.',
      severity: 'error',
      from: { pathNot: '^apps/slack/' },
      to: { path: '(^|/)@slack/' },
    },
    {
      name: 'teams-sdk-only-in-apps-teams',
      comment: 'The Teams SDK (botbuilder*, botframework*) lives only in apps/teams.',
      severity: 'error',
      from: { pathNot: '^apps/teams/' },
      to: { path: '(^|/)(node_modules/)?(botbuilder|botframework)[^/]*(/|$)' },
    },
    {
      name: 'db-folders-entered-through-their-index',
      comment:
        "packages/db's folders (ingest, outbox, scan, reports...) import one another only through the other's index.ts, its one public entry. The drivers (pglite/, postgres/) are storage's insides: storage opens them, they use its Database type.",
      severity: 'error',
      from: {
        path: '^packages/db/src/([^/]+)/',
        pathNot: `^packages/db/src/(pglite|postgres)/|${notShipped}`,
      },
      to: {
        path: '^packages/db/src/[^/]+/',
        pathNot: '^packages/db/src/($1|pglite|postgres)/|/index\\.ts$',
      },
    },
    {
      name: 'no-import-circles',
      comment: 'No file reaches itself through its imports (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'tooling-not-in-shipped-code',
      comment:
        'tooling/, infra/ and test helpers serve the tests and the build; shipped code never loads them.',
      severity: 'error',
      from: { path: shipped, pathNot: notShipped },
      to: { path: `^(tooling|infra)/|${notShipped}` },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)(dist|\\.reports|\\.breachless|coverage)/' },
    // Type-only imports are imports too: a circle through types is still a circle to a reader.
    tsPreCompilationDeps: true,
    // Our workspaces resolve to their sources (the `source` condition), as the tests do, so a
    // cross-package import lands on packages/x/src/... and not on a build in dist/.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
