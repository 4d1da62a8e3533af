/**
 * Builds the Teams app package to upload in Teams (Apps > Manage your apps > Upload an app):
 * infra/teams/manifest.json with the bot's app id and public host filled in, and its icons.
 *
 *   npm run package -w @breachless/teams -- --app-id <GUID> --host breachless.example.com
 *
 * Writes infra/teams/build/breachless-teams.zip. A missing or malformed argument is named.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zip } from './zip.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^[a-z0-9.-]+(:\d+)?$/i;
const infra = new URL('../../../infra/teams/', import.meta.url);

/** The package's files for an app id and host. @throws Error listing every bad argument */
export function packageFiles(
  appId: string | undefined,
  host: string | undefined,
): Record<string, Buffer> {
  const problems: string[] = [];
  if (!appId || !GUID.test(appId)) problems.push("--app-id: the bot's Microsoft app id, a GUID");
  if (!host || !HOST.test(host))
    problems.push('--host: the public host name of the bot (no scheme, no path)');
  if (problems.length) throw new Error(problems.join('\n'));
  const manifest = readFileSync(new URL('manifest.json', infra), 'utf8')
    .replaceAll('{{MICROSOFT_APP_ID}}', appId as string)
    .replaceAll('{{HOST}}', host as string);
  return {
    'manifest.json': Buffer.from(manifest),
    'color.png': readFileSync(new URL('color.png', infra)),
    'outline.png': readFileSync(new URL('outline.png', infra)),
  };
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { 'app-id': { type: 'string' }, host: { type: 'string' } },
  });
  try {
    const files = packageFiles(values['app-id'] ?? process.env.MICROSOFT_APP_ID, values.host);
    mkdirSync(new URL('build/', infra), { recursive: true });
    const out = new URL('build/breachless-teams.zip', infra);
    writeFileSync(out, zip(files));
    process.stdout.write(`wrote ${fileURLToPath(out)}\n`);
  } catch (error) {
    process.stderr.write(`package: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
