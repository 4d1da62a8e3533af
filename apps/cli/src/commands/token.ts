import { createToken } from '@breachless/db';
import { parseFlags, required } from '../args.js';
import { openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

export const TOKEN_USAGE = `Usage: breachless token create --tenant ID [--label TEXT]

Creates an API token for the tenant and prints it once: only a hash is stored, so a lost
token cannot be shown again (create another).`;

/** `breachless token create`. */
export async function tokenCommand(argv: readonly string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const flags = parseFlags(
    action === 'create' ? rest : argv,
    { tenant: { type: 'string' }, label: { type: 'string' } },
    TOKEN_USAGE,
  );
  if (flags.help) {
    io.stdout(`${TOKEN_USAGE}\n`);
    return 0;
  }
  if (action !== 'create')
    throw new UsageError(
      action === undefined ? 'missing create' : `unknown token command "${action}"`,
      TOKEN_USAGE,
    );
  const tenant = required(flags.tenant, 'tenant', TOKEN_USAGE);
  const handle = await openServiceDatabase(io);
  try {
    io.stdout(`${await createToken(handle.db, tenant, flags.label)}\n`);
  } finally {
    await handle.close();
  }
  return 0;
}
