import { createToken, type Database, revokeToken } from '@breachless/db';
import { apiTokens } from '@breachless/db/schema';
import { and, eq } from 'drizzle-orm';
import { parseCommandLine, required } from '../args.js';
import { openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

const TOKEN_USAGE = `Usage: breachless token create --tenant ID [--label TEXT]
       breachless token revoke --tenant ID TOKEN-ID

create: makes an API token for the tenant and prints it once: only a hash is stored, so a
  lost token cannot be shown again (create another).
revoke: the token stops working at once. TOKEN-ID is the 12 characters after "bl_" in the
  token (bl_<id>_<secret>), or the whole token.`;

/** A token's id from what the user pasted: the id itself, or the whole token. */
function tokenId(operand: string | undefined): string {
  if (operand === undefined) throw new UsageError('missing TOKEN-ID', TOKEN_USAGE);
  const id = /^(?:bl_)?([0-9a-f]{12})(?:_.*)?$/.exec(operand)?.[1];
  if (id === undefined)
    throw new UsageError(
      `"${operand.slice(0, 20)}" is not a token id (the 12 characters after "bl_") nor a token`,
      TOKEN_USAGE,
    );
  return id;
}

/** `breachless token create|revoke`. */
export async function tokenCommand(argv: readonly string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const known = action === 'create' || action === 'revoke';
  const { flags, positionals } = parseCommandLine(
    known ? rest : argv,
    { tenant: { type: 'string' }, label: { type: 'string' } },
    TOKEN_USAGE,
  );
  if (flags.help) {
    io.stdout(`${TOKEN_USAGE}\n`);
    return 0;
  }
  if (!known)
    throw new UsageError(
      action === undefined ? 'missing create or revoke' : `unknown token command "${action}"`,
      TOKEN_USAGE,
    );
  const tenant = required(flags.tenant, 'tenant', TOKEN_USAGE);
  if (action === 'create' && positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"`, TOKEN_USAGE);
  if (action === 'revoke' && flags.label !== undefined)
    throw new UsageError('--label is for token create', TOKEN_USAGE);
  if (positionals.length > 1)
    throw new UsageError(`one token at a time, got ${positionals.length}`, TOKEN_USAGE);
  const id = action === 'revoke' ? tokenId(positionals[0]) : undefined;
  const handle = await openServiceDatabase(io);
  try {
    io.stdout(
      id === undefined
        ? `${await createToken(handle.db, tenant, flags.label)}\n`
        : await revoke(handle.db, tenant, id),
    );
  } finally {
    await handle.close();
  }
  return 0;
}

async function revoke(db: Database, tenant: string, id: string): Promise<string> {
  // Another tenant's token is "not found" here: a tenant's admin cannot learn of others'.
  const [token] = await db
    .select({ label: apiTokens.label, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenant), eq(apiTokens.id, id)));
  if (!token) throw new UsageError(`tenant ${tenant} has no token ${id}`);
  const named = `token ${id}${token.label ? ` (${token.label})` : ''} of tenant ${tenant}`;
  if (token.revokedAt) return `${named} was already revoked at ${token.revokedAt.toISOString()}\n`;
  await revokeToken(db, id);
  return `revoked ${named}: requests with it now answer 401\n`;
}
