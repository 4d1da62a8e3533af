import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { apiEnvSchema } from '../../apps/api/src/env.js';
import { MIGRATE_USAGE } from '../../apps/cli/src/commands/migrate.js';
import { slackEnvSchema } from '../../apps/slack/src/env.js';
import { teamsEnvSchema } from '../../apps/teams/src/env.js';
import { workerEnvSchema } from '../../apps/worker/src/env.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** What a service's process reads, by the entry file its container runs. */
const READS: Record<string, (name: string) => boolean> = {
  'apps/api/dist/main.js': keysOf(apiEnvSchema),
  'apps/worker/dist/main.js': keysOf(workerEnvSchema),
  'apps/slack/dist/main.js': keysOf(slackEnvSchema),
  'apps/teams/dist/main.js': keysOf(teamsEnvSchema),
  // The CLI has no schema: `breachless migrate --help` names what it reads.
  'apps/cli/bin/breachless.js': (name) => MIGRATE_USAGE.includes(name),
};

function keysOf(schema: z.ZodObject): (name: string) => boolean {
  return (name) => name in schema.shape;
}

/**
 * The entry a container runs, and what that process reads. The entry is checked to exist in
 * the repo, a built one (`dist/`, made in the image's build stage) by its source in `src/`.
 */
export function entry(args: readonly string[]): { file: string; reads: (name: string) => boolean } {
  const file = args[0] ?? '';
  const reads = READS[file];
  const source = file.replace(/\/dist\/(.*)\.js$/, '/src/$1.ts');
  if (!reads || !existsSync(`${REPO}${source}`)) throw new Error(`no service entry ${file}`);
  return { file, reads };
}

/** The port a service listens on, from its environment or its schema's default. */
export function listenPort(file: string, env: Readonly<Record<string, string>>): number {
  const key = file.startsWith('apps/worker/') ? 'WORKER_PORT' : 'PORT';
  const schema = {
    'apps/api/dist/main.js': apiEnvSchema,
    'apps/worker/dist/main.js': workerEnvSchema,
    'apps/slack/dist/main.js': slackEnvSchema,
    'apps/teams/dist/main.js': teamsEnvSchema,
  }[file];
  if (!schema) throw new Error(`${file} listens on no port`);
  return (schema.shape as Record<string, z.ZodType>)[key]?.parse(env[key]) as number;
}
