import { userInfo } from 'node:os';
import { consoleLoginUrl } from '@breachless/console/login-url';
import { parseFlags, required } from '../args.js';
import { openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

const LOGIN_LINK_USAGE = `Usage: breachless login-link --tenant ID [--role admin|viewer] [--user NAME] [--url BASE]

Prints a one-time link that signs into the web console (served by the API on its port) as
NAME (default: your login name) of tenant ID. It works once, within 15 minutes; only a hash
is stored. viewer (the default) reads, acknowledges and snoozes; admin may also change the
config. --url is where the API is served (default http://localhost:3000).`;

/** `breachless login-link`. */
export async function loginLinkCommand(argv: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      tenant: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      url: { type: 'string' },
    },
    LOGIN_LINK_USAGE,
  );
  if (flags.help) {
    io.stdout(`${LOGIN_LINK_USAGE}\n`);
    return 0;
  }
  const tenant = required(flags.tenant, 'tenant', LOGIN_LINK_USAGE);
  const role = flags.role ?? 'viewer';
  if (role !== 'admin' && role !== 'viewer')
    throw new UsageError(`--role: "${role}" is not admin or viewer`, LOGIN_LINK_USAGE);
  const baseUrl = flags.url ?? 'http://localhost:3000';
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(baseUrl))
    throw new UsageError(`--url: "${baseUrl}" is not an http(s) address`, LOGIN_LINK_USAGE);
  const user = flags.user ?? userInfo().username;
  const handle = await openServiceDatabase(io);
  try {
    const url = await consoleLoginUrl(handle.db, { tenant, role, user, baseUrl, now: Date.now() });
    io.stdout(`${url}\n`);
  } finally {
    await handle.close();
  }
  return 0;
}
