import { expect, it } from 'vitest';
import { saveConfig } from '../src/tenants/config-store.js';
import { WebhookCredentialsReader } from '../src/tenants/credentials-reader.js';
import { addWebhookSecret, removeWebhookSecrets } from '../src/tenants/webhook-secrets.js';
import { describeEachDriver } from '../src/testing.js';
import { counting } from './statement-count.js';

const config = {
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
};

describeEachDriver('webhook credentials reader', (handle) => {
  it('answers each of many concurrent deliveries with its own credentials, sharing statements', async () => {
    const { db, statements } = counting(handle().db);
    const first = await addWebhookSecret(db, 'acme', 'github');
    const second = await addWebhookSecret(db, 'acme', 'github');
    const zendesk = await addWebhookSecret(db, 'acme', 'zendesk');
    const globex = await addWebhookSecret(db, 'globex', 'github');
    await saveConfig(db, 'acme', config, 'test');
    await saveConfig(db, 'acme', config, 'test');
    const reader = new WebhookCredentialsReader(db);
    const asked = [
      ['acme', 'github'],
      ['acme', 'github'],
      ['acme', 'zendesk'],
      ['globex', 'github'],
      ['globex', 'jira'],
      ['nobody', 'github'],
      ['acme', 'github'],
    ] as const;
    const before = statements();
    const found = await Promise.all(asked.map(([t, p]) => reader.read(t, p)));
    // The first delivery's read starts alone; the six after it share the next.
    expect(statements() - before).toBe(2);
    // Sorted: two secrets added within the same millisecond (PGlite's clock) have no order.
    const both = [first, second].sort();
    expect(found.map((f) => ({ ...f, secrets: [...f.secrets].sort() }))).toEqual([
      { secrets: both, configVersion: 2 },
      { secrets: both, configVersion: 2 },
      { secrets: [zendesk], configVersion: 2 },
      { secrets: [globex], configVersion: 0 },
      { secrets: [], configVersion: 0 },
      { secrets: [], configVersion: 0 },
      { secrets: both, configVersion: 2 },
    ]);
  });

  it('does not verify with a secret removed before the delivery, even while an earlier read runs', async () => {
    const { db } = handle();
    await addWebhookSecret(db, 'rotating', 'github');
    const reader = new WebhookCredentialsReader(db);
    const earlier = reader.read('rotating', 'github');
    const fresh = await addWebhookSecret(db, 'rotating', 'github');
    await removeWebhookSecrets(db, 'rotating', 'github', fresh);
    // This delivery came after the removal committed: it must not share the earlier read.
    expect((await reader.read('rotating', 'github')).secrets).toEqual([fresh]);
    // Sent before: it may have read the old secret or not.
    expect((await earlier).secrets.length).toBeGreaterThan(0);
  });

  it('fails every delivery of a read the database refused, and reads again after it', async () => {
    const { db } = handle();
    const secret = await addWebhookSecret(db, 'refused', 'github');
    const reader = new WebhookCredentialsReader(db);
    await db.execute('alter table webhook_secrets rename to webhook_secrets_gone');
    const failed = await Promise.allSettled([
      reader.read('refused', 'github'),
      reader.read('refused', 'github'),
    ]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    await db.execute('alter table webhook_secrets_gone rename to webhook_secrets');
    expect(await reader.read('refused', 'github')).toEqual({ secrets: [secret], configVersion: 0 });
  });
});
