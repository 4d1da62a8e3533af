import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { apiTokens } from '../src/schema/index.js';
import { createToken, revokeToken, verifyToken } from '../src/tenants/tokens.js';
import { describeEachDriver } from '../src/testing.js';

describeEachDriver('tokens', (handle) => {
  it('stores only a hash, verifies the token for its tenant alone, and stops at revocation', async () => {
    const { db } = handle();
    const token = await createToken(db, 'acme', 'ci');
    const other = await createToken(db, 'globex');
    expect(token).toMatch(/^bl_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tenantId, 'acme'));
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The secret is everything after `bl_<id>_`; it may itself contain `_`.
    expect(JSON.stringify(row)).not.toContain(token.slice(16));
    expect(token.slice(16)).toHaveLength(43);
    expect(await verifyToken(db, token)).toMatchObject({ tenant: 'acme' });
    expect(await verifyToken(db, other)).toMatchObject({ tenant: 'globex' });
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifyToken(db, forged)).toBeUndefined();
    expect(await verifyToken(db, 'Bearer nonsense')).toBeUndefined();
    await revokeToken(db, row?.id as string);
    expect(await verifyToken(db, token)).toBeUndefined();
  });
});
