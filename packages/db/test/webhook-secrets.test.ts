import { expect, it } from 'vitest';
import {
  addWebhookSecret,
  removeWebhookSecrets,
  webhookSecretsFor,
} from '../src/tenants/webhook-secrets.js';
import { describeEachDriver } from '../src/testing.js';

describeEachDriver('webhook secrets', (handle) => {
  it('keeps each tenant and platform apart, and rotates', async () => {
    const { db } = handle();
    const made = await addWebhookSecret(db, 'acme', 'github');
    expect(made).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await addWebhookSecret(db, 'acme', 'zendesk', 'zd-secret');
    await addWebhookSecret(db, 'globex', 'github', 'globex-secret');
    expect(await webhookSecretsFor(db, 'acme', 'github')).toEqual([made]);
    expect(await webhookSecretsFor(db, 'acme', 'zendesk')).toEqual(['zd-secret']);
    expect(await webhookSecretsFor(db, 'acme', 'jira')).toEqual([]);
    // Adding the same secret twice stores it once.
    await addWebhookSecret(db, 'acme', 'zendesk', 'zd-secret');
    await addWebhookSecret(db, 'acme', 'zendesk', 'zd-next');
    expect((await webhookSecretsFor(db, 'acme', 'zendesk')).sort()).toEqual([
      'zd-next',
      'zd-secret',
    ]);
    expect(await removeWebhookSecrets(db, 'acme', 'zendesk', 'zd-next')).toBe(1);
    expect(await webhookSecretsFor(db, 'acme', 'zendesk')).toEqual(['zd-next']);
    expect(await webhookSecretsFor(db, 'globex', 'github')).toEqual(['globex-secret']);
  });
});
