import { randomBytes } from 'node:crypto';

/** Who the fake's browser is signed in to Slack as, when "Sign in with Slack" asks. */
export interface OidcUser {
  readonly user: string;
  readonly team: string;
  readonly enterprise?: string;
  readonly name?: string;
  readonly email?: string;
}

/** What the fake answers on its OpenID Connect paths: a redirect, or a Web API body. */
export type OidcAnswer = { redirect: string } | { body: Record<string, unknown> };

interface Grant {
  readonly who: OidcUser;
  readonly nonce: string | undefined;
  readonly redirectUri: string;
  used: boolean;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Slack's "Sign in with Slack" (OpenID Connect) endpoints, as documented at
 * https://docs.slack.dev/authentication/sign-in-with-slack and the method pages of
 * `openid.connect.token` and `openid.connect.userInfo`: the authorize page (which signs in
 * `signedIn` at once, as a user who clicks Allow), the code exchange (a code works once, for
 * its client, secret and redirect URI) and the user's claims. The id_token carries the
 * documented claims; its signature is a placeholder, as the console takes it from the token
 * endpoint directly (OpenID Connect Core 3.1.3.7, point 6) and does not check it.
 */
export class FakeSlackOidc {
  /** The browser's Slack user: unset, the authorize page answers `access_denied`. */
  signedIn: OidcUser | undefined;
  readonly #grants = new Map<string, Grant>();
  readonly #tokens = new Map<string, Record<string, unknown>>();

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    private readonly clock: () => number,
  ) {}

  /** Answers `/openid/connect/authorize`, `openid.connect.token` and `openid.connect.userInfo`. */
  answer(
    path: string,
    query: URLSearchParams,
    args: Record<string, unknown>,
    authorization: string | undefined,
  ): OidcAnswer | undefined {
    if (path === '/openid/connect/authorize') return this.#authorize(query);
    if (path === '/api/openid.connect.token') return { body: this.#token(args) };
    if (path === '/api/openid.connect.userInfo') {
      const token = authorization?.replace(/^Bearer /, '') ?? String(args.token ?? '');
      const claims = this.#tokens.get(token);
      return { body: claims ? { ok: true, ...claims } : { ok: false, error: 'invalid_auth' } };
    }
    return undefined;
  }

  #authorize(q: URLSearchParams): OidcAnswer {
    const redirectUri = q.get('redirect_uri') ?? '';
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const scopes = (q.get('scope') ?? '').split(' ');
    if (q.get('client_id') !== this.clientId || q.get('response_type') !== 'code')
      back.searchParams.set('error', 'invalid_request');
    else if (!scopes.includes('openid')) back.searchParams.set('error', 'invalid_scope');
    else if (!this.signedIn) back.searchParams.set('error', 'access_denied');
    else {
      const code = randomBytes(16).toString('hex');
      this.#grants.set(code, {
        who: this.signedIn,
        nonce: q.get('nonce') ?? undefined,
        redirectUri,
        used: false,
      });
      back.searchParams.set('code', code);
    }
    return { redirect: back.href };
  }

  #token(args: Record<string, unknown>): Record<string, unknown> {
    if (args.client_id !== this.clientId || args.client_secret !== this.clientSecret)
      return { ok: false, error: 'invalid_client_id' };
    const grant = this.#grants.get(String(args.code));
    if (!grant || grant.used) return { ok: false, error: 'invalid_code' };
    if (args.redirect_uri !== grant.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    grant.used = true;
    const { who } = grant;
    const now = Math.floor(this.clock() / 1000);
    const claims: Record<string, unknown> = {
      sub: who.user,
      'https://slack.com/user_id': who.user,
      'https://slack.com/team_id': who.team,
      ...(who.enterprise ? { 'https://slack.com/enterprise_id': who.enterprise } : {}),
      ...(who.email ? { email: who.email, email_verified: true } : {}),
      ...(who.name ? { name: who.name } : {}),
    };
    const accessToken = `xoxp-${randomBytes(8).toString('hex')}`;
    this.#tokens.set(accessToken, claims);
    const payload = {
      iss: 'https://slack.com',
      aud: this.clientId,
      exp: now + 3600,
      iat: now,
      auth_time: now,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      ...claims,
    };
    return {
      ok: true,
      access_token: accessToken,
      token_type: 'Bearer',
      id_token: `${b64({ alg: 'RS256', typ: 'JWT', kid: 'fake' })}.${b64(payload)}.fake-signature`,
    };
  }
}
