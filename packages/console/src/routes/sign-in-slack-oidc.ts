import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HttpError } from '@breachless/http';
import type { SlackSignIn } from '../context.js';

/** How long a started sign-in may take at Slack before its state is refused. */
export const STATE_MS = 10 * 60_000;
const ISSUER = 'https://slack.com';

/** Who Slack says signed in: from the id_token, checked, and the user's claims. */
export interface SlackIdentity {
  readonly team: string;
  readonly enterprise: string | undefined;
  readonly user: string;
  /** The name sessions and config versions record: the email, else the name, else the id. */
  readonly label: string;
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const mac = (key: string, text: string) => b64(createHmac('sha256', key).update(text).digest());
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A new `state`: its issue time and a random part, signed with the client secret, so any
 * replica can tell one it issued (and when) without storing it before Slack answers. The
 * `nonce` is derived from it, so it needs no storage either.
 */
export function newState(slack: SlackSignIn, now: number): string {
  const body = `${now.toString(36)}.${b64(randomBytes(18))}`;
  return `${body}.${mac(slack.clientSecret, `state.${body}`)}`;
}

/** The nonce sent with a state, which the id_token must carry back. */
export function nonceOf(slack: SlackSignIn, state: string): string {
  return mac(slack.clientSecret, `nonce.${state}`);
}

/** Whether a state is one of ours (signature), issued within STATE_MS of `now`. */
export function stateValid(slack: SlackSignIn, state: string, now: number): boolean {
  const [issued, random, signature, extra] = state.split('.');
  if (!issued || !random || !signature || extra !== undefined) return false;
  if (!same(signature, mac(slack.clientSecret, `state.${issued}.${random}`))) return false;
  const at = Number.parseInt(issued, 36);
  return at <= now && now - at < STATE_MS;
}

/** Slack's authorize page for a state, asking for `openid profile email`. */
export function authorizeUrl(slack: SlackSignIn, state: string, redirectUri: string): string {
  const url = new URL('../openid/connect/authorize', apiBase(slack));
  url.search = new URLSearchParams({
    response_type: 'code',
    scope: 'openid profile email',
    client_id: slack.clientId,
    state,
    nonce: nonceOf(slack, state),
    redirect_uri: redirectUri,
  }).toString();
  return url.href;
}

const apiBase = (slack: SlackSignIn) => slack.apiUrl ?? 'https://slack.com/api/';

/** One Web API call; Slack unreachable or answering garbage is a 503 the user can retry. */
export async function slackCall(
  slack: SlackSignIn,
  method: string,
  form: Record<string, string>,
  token?: string,
): Promise<Record<string, unknown>> {
  try {
    const res = await fetch(new URL(method, apiBase(slack)), {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(10_000),
    });
    return (await res.json()) as Record<string, unknown>;
  } catch (error) {
    throw new HttpError(503, 'Slack could not be reached: try signing in again.', undefined, {
      cause: error,
    });
  }
}

const refused = (why: string) => new HttpError(401, `Slack sign-in refused: ${why}.`);

/**
 * Exchanges the code (`openid.connect.token`), checks the id_token's issuer, audience,
 * expiry and nonce, and reads the user's claims (`openid.connect.userInfo`), whose subject
 * must be the id_token's.
 * @throws HttpError 401 naming what did not hold
 */
export async function exchangeCode(
  slack: SlackSignIn,
  code: string,
  state: string,
  redirectUri: string,
  now: number,
): Promise<SlackIdentity> {
  const token = await slackCall(slack, 'openid.connect.token', {
    client_id: slack.clientId,
    client_secret: slack.clientSecret,
    code,
    redirect_uri: redirectUri,
    grant_type: 'authorization_code',
  });
  if (token.ok !== true || typeof token.id_token !== 'string')
    throw refused(`Slack answered ${String(token.error ?? 'no id_token')}`);
  const claims = idTokenClaims(token.id_token);
  const aud = claims.aud;
  if (claims.iss !== ISSUER) throw refused('the id_token is not from Slack');
  if (!(aud === slack.clientId || (Array.isArray(aud) && aud.includes(slack.clientId))))
    throw refused('the id_token is for another app');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now)
    throw refused('the id_token has expired');
  if (typeof claims.nonce !== 'string' || !same(claims.nonce, nonceOf(slack, state)))
    throw refused('the id_token was not issued for this sign-in');
  const team = claims['https://slack.com/team_id'];
  const user = claims['https://slack.com/user_id'];
  if (typeof team !== 'string' || typeof user !== 'string')
    throw refused('the id_token names no Slack team or user');
  const info = await slackCall(slack, 'openid.connect.userInfo', {}, String(token.access_token));
  if (info.ok !== true || info.sub !== claims.sub)
    throw refused('Slack did not confirm who signed in');
  const enterprise = claims['https://slack.com/enterprise_id'];
  const label = [info.email, info.name].find((v) => typeof v === 'string' && v !== '');
  return {
    team,
    user,
    enterprise: typeof enterprise === 'string' ? enterprise : undefined,
    label: typeof label === 'string' ? label : user,
  };
}

/** The claims of a JWT, unverified: see docs/console.md for why the token endpoint is trusted. */
function idTokenClaims(jwt: string): Record<string, unknown> {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (claims && typeof claims === 'object') return claims as Record<string, unknown>;
  } catch {
    // fall through: not a JWT
  }
  throw refused('the id_token is malformed');
}
