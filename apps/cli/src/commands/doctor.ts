import { ConfigError } from '@breachless/core';
import { parseFlags, required } from '../args.js';
import { type Finding, formatFindings } from '../doctor/check.js';
import { checkDatabase } from '../doctor/database.js';
import { checkSlack, checkTeams } from '../doctor/platforms.js';
import { retryTenant } from '../doctor/quarantine.js';
import type { Io } from '../io.js';
import { loadConfig } from '../load.js';

const DOCTOR_USAGE = `Usage: breachless doctor [--retry <tenant>]

Checks what the services need and says what to fix: the config file (BREACHLESS_CONFIG),
the database (reachable, migrations applied, every tenant's stored config still valid,
quarantined tickets listed with their error), this machine's clock against the database's,
the Slack token and its scopes (SLACK_BOT_TOKEN, or the OAuth variables), and the Teams
registration variables. Exit code 0 when nothing failed, 1 otherwise.

  --retry <tenant>   first recompute the tenant's quarantined tickets (after mending their
                     data): those that now succeed are released, the others stay`;

function checkConfig(io: Io): Finding {
  const path = io.env.BREACHLESS_CONFIG;
  if (!path)
    return {
      check: 'config',
      status: 'skip',
      detail: 'no BREACHLESS_CONFIG: tenants use the config stored with PUT /v1/config',
    };
  try {
    const config = loadConfig(io, path);
    return {
      check: 'config',
      status: 'ok',
      detail: `${path}: ${config.calendars.length} calendars, ${config.policies.length} policies`,
    };
  } catch (error) {
    const problems =
      error instanceof ConfigError
        ? error.problems.map((p) => `${p.path}: ${p.message}`).join('; ')
        : (error as Error).message;
    return {
      check: 'config',
      status: 'fail',
      detail: problems,
      fix: `correct ${path}; \`breachless explain --config ${path} ...\` shows each problem by path`,
    };
  }
}

/** `breachless doctor`: every check, then what to fix. */
export async function doctorCommand(argv: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, { retry: { type: 'string' } }, DOCTOR_USAGE);
  if (flags.help) {
    io.stdout(`${DOCTOR_USAGE}\n`);
    return 0;
  }
  if (flags.retry !== undefined)
    io.stdout(`${await retryTenant(io, required(flags.retry, 'retry', DOCTOR_USAGE))}\n`);
  const findings = [
    checkConfig(io),
    ...(await checkDatabase(io)),
    ...(await checkSlack(io)),
    ...checkTeams(io),
  ];
  io.stdout(`${formatFindings(findings)}\n`);
  return findings.some((f) => f.status === 'fail') ? 1 : 0;
}
