import { WEBHOOK_PLATFORMS } from '@breachless/connectors';
import { addWebhookSecret, removeWebhookSecrets } from '@breachless/db';
import { parseFlags, required } from '../args.js';
import { openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

const WEBHOOK_SECRET_USAGE = `Usage: breachless webhook-secret add --tenant ID --platform zendesk|github|jira [--secret S]
       breachless webhook-secret retire --tenant ID --platform P --keep S

add: stores the secret the helpdesk signs its webhooks with. Zendesk generates its own
  signing secret: pass it with --secret. For GitHub and Jira, leave --secret out to get a
  new random one, printed once, to paste into the webhook's settings. Older secrets keep
  verifying, so a rotation drops no webhook.
retire: removes every secret of the platform but --keep (the end of a rotation).
The webhook URL is https://<host>/v1/webhooks/<platform>?tenant=<ID>.`;

/** `breachless webhook-secret add|retire`. */
export async function webhookSecretCommand(argv: readonly string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const flags = parseFlags(
    action === 'add' || action === 'retire' ? rest : argv,
    {
      tenant: { type: 'string' },
      platform: { type: 'string' },
      secret: { type: 'string' },
      keep: { type: 'string' },
    },
    WEBHOOK_SECRET_USAGE,
  );
  if (flags.help) {
    io.stdout(`${WEBHOOK_SECRET_USAGE}\n`);
    return 0;
  }
  if (action !== 'add' && action !== 'retire')
    throw new UsageError(
      action === undefined ? 'missing add or retire' : `unknown webhook-secret command "${action}"`,
      WEBHOOK_SECRET_USAGE,
    );
  const tenant = required(flags.tenant, 'tenant', WEBHOOK_SECRET_USAGE);
  const platform = required(flags.platform, 'platform', WEBHOOK_SECRET_USAGE);
  if (!(WEBHOOK_PLATFORMS as readonly string[]).includes(platform))
    throw new UsageError(
      `--platform: "${platform}" is not one of ${WEBHOOK_PLATFORMS.join(', ')}`,
      WEBHOOK_SECRET_USAGE,
    );
  if (flags.secret === '') throw new UsageError('--secret: an empty secret verifies nothing');
  const keep = action === 'retire' ? required(flags.keep, 'keep', WEBHOOK_SECRET_USAGE) : undefined;
  const handle = await openServiceDatabase(io);
  try {
    if (keep !== undefined) {
      const removed = await removeWebhookSecrets(handle.db, tenant, platform, keep);
      io.stdout(`removed ${removed} ${platform} secret(s) of tenant ${tenant}\n`);
    } else {
      const secret = await addWebhookSecret(handle.db, tenant, platform, flags.secret);
      // A secret we generated is shown once; one the user passed is not echoed back.
      io.stdout(
        flags.secret === undefined
          ? `${secret}\n`
          : `stored the ${platform} secret for tenant ${tenant}\n`,
      );
    }
  } finally {
    await handle.close();
  }
  return 0;
}
