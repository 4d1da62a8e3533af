// Builds the workspace in the current folder: every file its tsconfig.build.json includes,
// transpiled file by file to JavaScript in its outDir (dist/), with source maps.
//
// Why not `tsc -p tsconfig.build.json`: tsc type-checks each workspace against everything
// it imports (drizzle's, botbuilder's types...), which took 3.6 minutes for the twelve
// workspaces on a loaded 2-core machine, in every `npm ci`. Type checking is the `typecheck`
// task's job (it reads the sources through the `source` export condition); the built code
// only has to run. The sources are written for this (`isolatedModules`,
// `verbatimModuleSyntax`: every file compiles on its own), and nothing reads declarations:
// every workspace resolves the others' sources when it type-checks.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const configFile = resolve('tsconfig.build.json');

/** Stops the build with TypeScript's own message for each diagnostic. */
function fail(diagnostics) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  };
  process.stderr.write(ts.formatDiagnostics(diagnostics, host));
  process.exit(1);
}

const parsed = ts.getParsedCommandLineOfConfigFile(
  configFile,
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) },
);
if (parsed.errors.length > 0) fail(parsed.errors);
const { outDir, rootDir } = parsed.options;
if (!outDir || !rootDir) fail([]);

/**
 * Writes a file only if its bytes change, and then whole (a rename): a process running the
 * build while it is rebuilt (a server, another workspace's tests) never reads a missing or
 * half-written module.
 */
function put(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.${process.pid}.tmp`, text);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

const written = new Set();
const problems = [];
for (const file of parsed.fileNames) {
  if (file.endsWith('.d.ts')) continue;
  const out = join(outDir, relative(rootDir, file)).replace(/\.ts$/, '.js');
  const result = ts.transpileModule(readFileSync(file, 'utf8'), {
    // Every workspace is `"type": "module"`; on its own, a file would default to CommonJS.
    compilerOptions: {
      ...parsed.options,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      sourceMap: true,
    },
    fileName: file,
    reportDiagnostics: true,
  });
  problems.push(...(result.diagnostics ?? []));
  // transpileModule names the source by its base name; the map sits in dist/, the source in src/.
  const map = JSON.parse(result.sourceMapText);
  map.sources = [relative(dirname(out), file).split('\\').join('/')];
  put(out, result.outputText);
  put(`${out}.map`, JSON.stringify(map));
  written.add(out).add(`${out}.map`);
}
if (problems.length > 0) fail(problems);
// A workspace may end its build with src/build-step.ts (packages/db writes its migrated PGlite
// image there): it runs from dist/ once every module is written, and returns the files it
// added to dist/, which are kept.
const step = join(outDir, 'build-step.js');
if (written.has(step)) {
  for (const file of await (await import(pathToFileURL(step).href)).default(outDir))
    written.add(file);
}
// A source deleted or renamed must not live on as stale JavaScript (another build's files in
// the making are its own).
for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath, entry.name);
  if (entry.isFile() && !written.has(file) && !file.endsWith('.tmp')) rmSync(file);
}
