import type { NewConnection, SyncPlatform } from '@breachless/db/sync';
import { parseCommandLine, required } from '../args.js';
import { UsageError } from '../errors.js';
import { type Io, readUserFile } from '../io.js';

export const CONNECT_USAGE = `Usage: breachless connect zendesk --tenant ID --url https://ACME.zendesk.com --email AGENT [COMMON]
       breachless connect github --tenant ID --repo OWNER/NAME[,OWNER/NAME...] [--url API] [COMMON]
       breachless connect jira --tenant ID --url https://ACME.atlassian.net --email ACCOUNT [--jql JQL] [COMMON]
       breachless connect zendesk|github|jira --tenant ID --rotate [--token-file F | --token-env VAR]
       breachless connect status [--tenant ID]
       breachless connect remove zendesk|github|jira --tenant ID
COMMON: [--token-file F | --token-env VAR] [--since DATE] [--interval MINUTES] [--detach]

Connects a helpdesk's REST API so Breachless reads it as well as its webhooks: a backfill of
every change since --since (default: the whole history), mapped to events as its webhooks
are, then a reconciliation by the worker every --interval minutes (default 5) that stores
whatever a lost webhook missed. The API token is read from the file --token-file names, or
from the environment variable --token-env names (default ZENDESK_API_TOKEN, GITHUB_TOKEN or
JIRA_API_TOKEN), never from the command line; it is stored like a webhook secret and never
printed. GitHub's --url is its API (default https://api.github.com; GitHub Enterprise
Server: https://HOST/api/v3). Jira's --jql narrows what is read (a project, say). Connecting
again replaces the address and token and backfills again (nothing is stored twice). The
backfill runs here with its progress; --detach leaves it to the worker. Ctrl-C is safe: the
worker resumes from the last page. --rotate replaces the token only.
status: each connection's last successful sync, lag, events repaired, errors.`;

const DEFAULT_TOKEN_ENV = {
  zendesk: 'ZENDESK_API_TOKEN',
  github: 'GITHUB_TOKEN',
  jira: 'JIRA_API_TOKEN',
} as const;

type Flags = Partial<Record<'url' | 'email' | 'repo' | 'jql', string>>;

/** `breachless connect zendesk|github|jira|status|remove`. */
export async function connectCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseCommandLine(
    argv,
    {
      tenant: { type: 'string' },
      url: { type: 'string' },
      email: { type: 'string' },
      repo: { type: 'string' },
      jql: { type: 'string' },
      'token-env': { type: 'string' },
      'token-file': { type: 'string' },
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
  const token = tokenOf(io, name, flags['token-file'], flags['token-env']);
  const { backfillNow } = await import('./connect-backfill.js');
  if (flags.rotate) return backfillNow(io, { kind: 'rotate', tenant, platform: name, token });
  const since = flags.since === undefined ? 0 : sinceOf(flags.since);
  const interval = flags.interval === undefined ? 5 : minutesOf(flags.interval);
  return backfillNow(io, {
    kind: 'connect',
    connection: {
      tenant,
      platform: name,
      ...where(name, flags, token),
      cursor: String(since),
      intervalSeconds: interval * 60,
    },
    detach: flags.detach === true,
  });
}

/** Each helpdesk's address, credentials and settings, from its own flags. */
function where(
  name: SyncPlatform,
  flags: Flags,
  token: string,
): Pick<NewConnection, 'baseUrl' | 'credentials' | 'settings'> {
  if (name === 'github') {
    const repo = required(flags.repo, 'repo', CONNECT_USAGE);
    const repos = repo.split(',').map((r) => r.trim());
    const bad = repos.filter((r) => !/^[\w.-]+\/[\w.-]+$/.test(r));
    if (bad.length > 0)
      throw new UsageError(`--repo: ${bad.map((r) => `"${r}"`).join(', ')} is not OWNER/NAME`);
    const url = flags.url === undefined ? 'https://api.github.com' : baseUrl(flags.url, true);
    return { baseUrl: url, credentials: { token }, settings: { repos } };
  }
  const url = baseUrl(required(flags.url, 'url', CONNECT_USAGE), false);
  const email = required(flags.email, 'email', CONNECT_USAGE);
  const settings = name === 'jira' && flags.jql !== undefined ? { jql: flags.jql } : {};
  return { baseUrl: url, credentials: { email, token }, settings };
}

/** The token from --token-file (trimmed), else from the environment; never from argv. */
function tokenOf(io: Io, name: SyncPlatform, file?: string, variable?: string): string {
  if (file !== undefined && variable !== undefined)
    throw new UsageError('give --token-file or --token-env, not both');
  if (file !== undefined) {
    const token = readUserFile(io, file, 'the token file').trim();
    if (token === '') throw new UsageError(`the token file ${file} is empty`);
    return token;
  }
  const env = variable ?? DEFAULT_TOKEN_ENV[name];
  const token = io.env[env];
  if (token === undefined || token === '')
    throw new UsageError(
      `no API token: set ${env} (or name another variable with --token-env, or a file with --token-file)`,
    );
  return token;
}

function platformOf(value: string | undefined): SyncPlatform {
  if (value === 'zendesk' || value === 'github' || value === 'jira') return value;
  throw new UsageError(
    value === undefined
      ? 'missing zendesk, github, jira, status or remove'
      : `unknown helpdesk "${value}"`,
    CONNECT_USAGE,
  );
}

// Credentials go only to an https address (http only to this machine, for fakes and tests).
// GitHub Enterprise's API has a path (/api/v3): kept; the other helpdesks' is the origin.
function baseUrl(value: string, keepPath: boolean): string {
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
  return keepPath ? `${url.origin}${url.pathname.replace(/\/+$/, '')}` : url.origin;
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
