import { verifyToken } from '@breachless/db';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from './context.js';
import { HttpError } from './errors.js';

/**
 * Bearer token -> tenant. A token reaches its own tenant's data alone. The scheme's name is
 * case-insensitive (RFC 9110 11.1): `bearer` and `BEARER` are `Bearer`.
 */
export function requireToken(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^bearer +(\S+)$/i.exec(header)?.[1];
    if (!token) throw new HttpError(401, 'missing bearer token');
    const found = await verifyToken(deps.db, token);
    if (!found) throw new HttpError(401, 'invalid or revoked token');
    c.set('tenant', found.tenant);
    c.set('tokenId', found.tokenId);
    await next();
  });
}
