import { expect, it } from 'vitest';
import { TokenVerifier } from '../src/tenants/token-verifier.js';
import { createToken, revokeToken } from '../src/tenants/tokens.js';
import { describeEachDriver } from '../src/testing.js';
import { counting } from './statement-count.js';

const idOf = (token: string) => token.slice(3, 15);

describeEachDriver('token verifier', (handle) => {
  it('answers each of many concurrent requests for its own token, sharing statements', async () => {
    const { db, statements } = counting(handle().db);
    const acme = await createToken(db, 'acme');
    const globex = await createToken(db, 'globex');
    const revoked = await createToken(db, 'acme');
    await revokeToken(db, idOf(revoked));
    const forged = `${acme.slice(0, -1)}${acme.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `bl_000000000000_${acme.slice(16)}`;
    const verifier = new TokenVerifier(db);
    const before = statements();
    const tokens = [acme, globex, revoked, forged, unknown, 'nonsense', acme, globex];
    const found = await Promise.all(tokens.map((t) => verifier.verify(t)));
    expect(found).toEqual([
      { tenant: 'acme', tokenId: idOf(acme) },
      { tenant: 'globex', tokenId: idOf(globex) },
      undefined,
      undefined,
      undefined,
      undefined,
      { tenant: 'acme', tokenId: idOf(acme) },
      { tenant: 'globex', tokenId: idOf(globex) },
    ]);
    // The first token's check starts alone; the six well-formed ones after it share the next.
    expect(statements() - before).toBe(2);
  });

  it('refuses a token revoked before the request, even while an earlier check runs', async () => {
    const { db } = handle();
    const token = await createToken(db, 'acme');
    const verifier = new TokenVerifier(db);
    // A check in flight, sent before the revocation: it may see the token or not.
    const earlier = verifier.verify(token);
    await revokeToken(db, idOf(token));
    // This request came after the revocation committed: it must not share the earlier check.
    expect(await verifier.verify(token)).toBeUndefined();
    await earlier;
    expect(await verifier.verify(token)).toBeUndefined();
  });

  it('fails every request of a check the database refused, and checks again after it', async () => {
    const { db } = handle();
    const token = await createToken(db, 'acme');
    const verifier = new TokenVerifier(db);
    await db.execute('alter table api_tokens rename to api_tokens_gone');
    const failed = await Promise.allSettled([verifier.verify(token), verifier.verify(token)]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    await db.execute('alter table api_tokens_gone rename to api_tokens');
    expect(await verifier.verify(token)).toEqual({ tenant: 'acme', tokenId: idOf(token) });
  });
});
