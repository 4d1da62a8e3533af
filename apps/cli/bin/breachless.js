#!/usr/bin/env node
// Runs the built CLI: `npm ci` builds every workspace (the root `prepare` script), so this
// is plain Node on JavaScript. In development, `npm run dev -w @breachless/cli -- ARGS`
// runs the TypeScript sources instead.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('breachless is not built: run `npm run build` in the repository first\n');
  process.exit(1);
}
await import(main.href);
