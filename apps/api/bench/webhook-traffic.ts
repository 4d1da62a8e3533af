/**
 * Helpdesk webhooks for the ingest bench: GitHub deliveries (the connector's own fixtures)
 * for `tickets` issues, each opened and then commented on by its author and a maintainer in
 * turn, interleaved as live traffic is (the n-th delivery of every issue, then the n+1-th),
 * each signed with the tenant's secret. One delivery is one event.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../packages/connectors/src/github/fixtures/', import.meta.url);
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as {
    issue: Record<string, unknown>;
    comment?: Record<string, unknown>;
  };

/** A request as the bench sends it: its body and its headers. */
export interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** GitHub's instants: whole seconds. */
const instant = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000', '');

/** The deliveries, `perTicket` an issue, signed with `secret`. */
export function githubDeliveries(tickets: number, perTicket: number, secret: string): Delivery[] {
  const opened = fixture('issues-opened');
  const comments = [fixture('comment-member'), fixture('comment-author')];
  const t0 = Date.now() - 15 * 60_000;
  const out: Delivery[] = [];
  for (let j = 0; j < perTicket; j++)
    for (let i = 0; i < tickets; i++) {
      const at = instant(t0 + i * 10 + j * 30_000);
      const base = j === 0 ? opened : (comments[j % 2] as typeof opened);
      const issue = {
        ...base.issue,
        number: i + 1,
        id: 3_000_000_000 + i,
        created_at: instant(t0 + i * 10),
        updated_at: at,
      };
      const body = JSON.stringify(
        j === 0
          ? { ...base, issue }
          : {
              ...base,
              issue,
              comment: {
                ...base.comment,
                id: 4_000_000_000 + i * perTicket + j,
                created_at: at,
                updated_at: at,
              },
            },
      );
      out.push({
        body,
        headers: {
          'content-type': 'application/json',
          'x-github-event': j === 0 ? 'issues' : 'issue_comment',
          'x-github-delivery': `bench-${i}-${j}`,
          'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        },
      });
    }
  return out;
}
