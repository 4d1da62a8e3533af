import { SLACK_BOT_SCOPES } from '@breachless/chat';
import type { Io } from '../io.js';
import type { Finding } from './check.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Slack: a bot token is asked `auth.test` and must carry every scope the app uses (Slack
 * returns them in `x-oauth-scopes`); OAuth installs need their three variables; HTTP mode
 * needs the signing secret.
 */
export async function checkSlack(io: Io): Promise<Finding[]> {
  const env = io.env;
  const oauth = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'].filter(
    (k) => env[k],
  );
  if (!env.SLACK_BOT_TOKEN && oauth.length === 0)
    return [
      {
        check: 'slack',
        status: 'skip',
        detail: 'not configured (no SLACK_BOT_TOKEN or SLACK_CLIENT_ID)',
      },
    ];
  const findings: Finding[] = [];
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
    findings.push({
      check: 'slack',
      status: 'fail',
      detail: 'SLACK_SIGNING_SECRET is not set: every request from Slack would be refused',
      fix: "copy the signing secret from the app's Basic Information page",
    });
  if (!env.SLACK_BOT_TOKEN) {
    findings.push(
      oauth.length === 3
        ? {
            check: 'slack',
            status: 'ok',
            detail: 'OAuth installs configured; workspaces install at /slack/install',
          }
        : {
            check: 'slack',
            status: 'fail',
            detail: `OAuth installs need SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET; only ${oauth.join(', ')} set`,
          },
    );
    return findings;
  }
  const base = env.SLACK_API_URL ?? 'https://slack.com/api/';
  try {
    const res = await fetch(`${base}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.SLACK_BOT_TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { ok?: boolean; error?: string; team?: string };
    if (!body.ok) {
      findings.push({
        check: 'slack',
        status: 'fail',
        detail: `the bot token is refused: ${body.error ?? `HTTP ${res.status}`}`,
        fix: 'install the app again and copy the new bot token into SLACK_BOT_TOKEN',
      });
      return findings;
    }
    const granted = new Set(
      (res.headers.get('x-oauth-scopes') ?? '').split(',').map((s) => s.trim()),
    );
    const missing = SLACK_BOT_SCOPES.filter((s) => !granted.has(s));
    findings.push(
      missing.length
        ? {
            check: 'slack',
            status: 'fail',
            detail: `the bot token lacks ${missing.join(', ')}`,
            fix: 'add the scopes (infra/slack/manifest.yaml lists them) and reinstall the app',
          }
        : {
            check: 'slack',
            status: 'ok',
            detail: `bot token valid for ${body.team ?? 'the workspace'}, every scope granted`,
          },
    );
  } catch (error) {
    findings.push({
      check: 'slack',
      status: 'fail',
      detail: `cannot reach ${base}: ${(error as Error).message}`,
      fix: 'check the network (or SLACK_API_URL)',
    });
  }
  return findings;
}

/**
 * Teams: the registration's variables fit together. The secret itself is only proven by
 * Microsoft's login service, which this check does not call.
 */
export function checkTeams(io: Io): Finding[] {
  const env = io.env;
  const type = env.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  if (!env.MICROSOFT_APP_ID)
    return [
      {
        check: 'teams',
        status: 'skip',
        detail:
          'no MICROSOFT_APP_ID: a Teams bot refuses to start without one (TEAMS_ALLOW_UNAUTHENTICATED=1: local development only)',
      },
    ];
  const problems = [
    ...(GUID.test(env.MICROSOFT_APP_ID) ? [] : ['MICROSOFT_APP_ID is not a GUID']),
    ...(type !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD
      ? ['MICROSOFT_APP_PASSWORD is not set']
      : []),
    ...(type === 'SingleTenant' && !GUID.test(env.MICROSOFT_APP_TENANT_ID ?? '')
      ? ['a SingleTenant app needs MICROSOFT_APP_TENANT_ID (a GUID)']
      : []),
    ...(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(type)
      ? []
      : [`MICROSOFT_APP_TYPE "${type}" is not MultiTenant, SingleTenant or UserAssignedMSI`]),
  ];
  return problems.length
    ? [
        {
          check: 'teams',
          status: 'fail',
          detail: problems.join('; '),
          fix: "take the values from the bot's Azure registration",
        },
      ]
    : [
        {
          check: 'teams',
          status: 'ok',
          detail: `${type} registration ${env.MICROSOFT_APP_ID} configured (the secret is proven on the first message)`,
        },
      ];
}
