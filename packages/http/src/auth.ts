import { TokenVerifier } from '@breachless/db';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from './context.js';
import { HttpError } from './errors.js';

/**
 * Bearer token -> tenant. A token reaches its own tenant's data alone. The scheme's name is
 * case-insensitive (RFC 9110 11.1): `bearer` and `BEARER` are `Bearer`. Each request's token
 * is read from the database after the request arrived (a revoked token stops at once),
 * together with the tokens of the requests arriving alongside it (`TokenVerifier`).
 */
export function requireToken(deps: AppDeps) {
  const tokens = new TokenVerifier(deps.db);
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^bearer +(\S+)$/i.exec(header)?.[1];
    if (!token) throw new HttpError(401, 'missing bearer token');
    const found = await tokens.verify(token);
    if (!found) throw new HttpError(401, 'invalid or revoked token');
    c.set('tenant', found.tenant);
    c.set('tokenId', found.tokenId);
    await next();
  });
}
