import { parseCommandLine, required } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

export const CONNECT_USAGE = `Usage: breachless connect zendesk --tenant ID --url https://ACME.zendesk.com --email AGENT
                          [--token-env VAR] [--since DATE] [--interval MINUTES] [--detach]
       breachless connect zendesk --tenant ID --rotate [--token-env VAR]
       breachless connect status [--tenant ID]
       breachless connect remove zendesk --tenant ID

Connects a helpdesk's REST API so Breachless reads it as well as its webhooks: a backfill of
every change since --since (default: the whole history), mapped to events as its webhooks
are, then a reconciliation by the worker every --interval minutes (default 5) that stores
whatever a lost webhook missed. The API token is read from the environment variable
--token-env names (default ZENDESK_API_TOKEN), never from the command line; it is stored
like a webhook secret and never printed. Connecting again replaces the address and token
and backfills again (nothing is stored twice). The backfill runs here with its progress;
--detach leaves it to the worker. Ctrl-C is safe: the worker resumes from the last page.
--rotate replaces the token only. GitHub and Jira: not yet (their webhooks work).
status: each connection's last successful sync, lag, events repaired, errors.`;

const DEFAULT_TOKEN_ENV = { zendesk: 'ZENDESK_API_TOKEN' } as const;

/** `breachless connect zendesk|status|remove`. */
export async function connectCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseCommandLine(
    argv,
    {
      tenant: { type: 'string' },
      url: { type: 'string' },
      email: { type: 'string' },
      'token-env': { type: 'string' },
      since: { type: 'string' },
      interval: { type: 'string' },
      detach: { type: 'boolean' },
      rotate: { type: 'boolean' },
    },
    CONNECT_USAGE,
  );
  if (flags.help) {
    io.stdout(`${CONNECT_USAGE}\n`);
    return 0;
  }
  const [what, platform] = positionals;
  // The database and sync code load only once the flags are read: `--help` loads neither.
  if (what === 'status')
    return (await import('./connect-status.js')).connectStatus(io, flags.tenant);
  const tenant = required(flags.tenant, 'tenant', CONNECT_USAGE);
  if (what === 'remove')
    return (await import('./connect-status.js')).removeConnected(io, tenant, platformOf(platform));
  const name = platformOf(what);
  const variable = flags['token-env'] ?? DEFAULT_TOKEN_ENV[name];
  const token = io.env[variable];
  if (token === undefined || token === '')
    throw new UsageError(
      `no API token: set ${variable} (or name another variable with --token-env)`,
    );
  const { backfillNow } = await import('./connect-backfill.js');
  if (flags.rotate) return backfillNow(io, { kind: 'rotate', tenant, platform: name, token });
  const url = baseUrl(required(flags.url, 'url', CONNECT_USAGE));
  const email = required(flags.email, 'email', CONNECT_USAGE);
  const since = flags.since === undefined ? 0 : sinceOf(flags.since);
  const interval = flags.interval === undefined ? 5 : minutesOf(flags.interval);
  return backfillNow(io, {
    kind: 'connect',
    connection: {
      tenant,
      platform: name,
      baseUrl: url,
      credentials: { email, token },
      cursor: String(since),
      intervalSeconds: interval * 60,
    },
    detach: flags.detach === true,
  });
}

function platformOf(value: string | undefined): 'zendesk' {
  if (value === 'zendesk') return value;
  if (value === 'github' || value === 'jira')
    throw new UsageError(
      `${value}: sync is not built yet; its webhooks work (breachless webhook-secret)`,
    );
  throw new UsageError(
    value === undefined ? 'missing zendesk, status or remove' : `unknown helpdesk "${value}"`,
    CONNECT_USAGE,
  );
}

// Credentials go only to an https address (http only to this machine, for fakes and tests).
function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url: "${value}" is not a URL`);
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new UsageError('--url: must be https:// (the API token is sent to it)');
  if (url.username !== '' || url.password !== '' || url.search !== '')
    throw new UsageError('--url: give the address alone, without credentials or a query');
  return url.origin;
}

function sinceOf(value: string): number {
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at))
    throw new UsageError(`--since: "${value}" is not a date (2026-01-31) or an instant`);
  return Math.floor(at / 1000);
}

function minutesOf(value: string): number {
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
    throw new UsageError(`--interval: "${value}" is not a whole number of minutes from 1 to 1440`);
  return minutes;
}
