import { expect, it } from 'vitest';
import type { Database } from '../src/storage/index.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { WebhookCredentialsReader } from '../src/tenants/credentials-reader.js';
import { addWebhookSecret, removeWebhookSecrets } from '../src/tenants/webhook-secrets.js';

/** One delivery's credentials, as the webhook route reads them. */
const webhookCredentials = (db: Database, tenant: string, platform: string) =>
  new WebhookCredentialsReader(db).read(tenant, platform);

import { describeEachDriver } from '../src/testing.js';

describeEachDriver('webhook secrets', (handle) => {
  it('keeps each tenant and platform apart, and rotates', async () => {
    const { db } = handle();
    const made = await addWebhookSecret(db, 'acme', 'github');
    expect(made).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await addWebhookSecret(db, 'acme', 'zendesk', 'zd-secret');
    await addWebhookSecret(db, 'globex', 'github', 'globex-secret');
    expect((await webhookCredentials(db, 'acme', 'github')).secrets).toEqual([made]);
    expect((await webhookCredentials(db, 'acme', 'zendesk')).secrets).toEqual(['zd-secret']);
    expect((await webhookCredentials(db, 'acme', 'jira')).secrets).toEqual([]);
    // Adding the same secret twice stores it once.
    await addWebhookSecret(db, 'acme', 'zendesk', 'zd-secret');
    await addWebhookSecret(db, 'acme', 'zendesk', 'zd-next');
    expect((await webhookCredentials(db, 'acme', 'zendesk')).secrets.sort()).toEqual([
      'zd-next',
      'zd-secret',
    ]);
    expect(await removeWebhookSecrets(db, 'acme', 'zendesk', 'zd-next')).toBe(1);
    expect((await webhookCredentials(db, 'acme', 'zendesk')).secrets).toEqual(['zd-next']);
    expect((await webhookCredentials(db, 'globex', 'github')).secrets).toEqual(['globex-secret']);
  });

  it("reads the tenant's current config version with its secrets", async () => {
    const { db } = handle();
    await addWebhookSecret(db, 'initech', 'jira', 'jira-secret');
    expect(await webhookCredentials(db, 'initech', 'jira')).toEqual({
      secrets: ['jira-secret'],
      configVersion: 0,
    });
    await saveConfig(db, 'initech', {}, 'test');
    await saveConfig(db, 'initech', {}, 'test');
    expect(await webhookCredentials(db, 'initech', 'jira')).toEqual({
      secrets: ['jira-secret'],
      configVersion: 2,
    });
    expect(await webhookCredentials(db, 'nobody', 'jira')).toEqual({
      secrets: [],
      configVersion: 0,
    });
  });
});
