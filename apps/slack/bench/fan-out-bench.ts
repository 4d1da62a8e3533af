/**
 * Fan-out: 10,000 alerts over 200 channels (50 each) from the outbox to a fake Slack that
 * enforces one message a second per channel (429 with Retry-After: 1 when a message comes
 * sooner than 950 ms after the previous one). The floor is 49 s: each channel's 50 messages
 * need 49 one-second gaps. Reports the total against that floor, 429s received, and the
 * worst channel's first message (starvation). Only distinct alerts count: a post of an alert
 * already posted is counted apart, and the bench fails if there is one or if the outbox does
 * not mark every alert delivered. Needs TEST_DATABASE_URL (a scratch database is created).
 * BENCH_QUICK=1: 1,000 alerts over 100 channels.
 */
import { realTimer } from '@breachless/chat';
import { FakeSlack } from '@breachless/chat/testing';
import { EngineCache, openDatabase } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { slackDelivery } from '../src/delivery.js';
import { Mentions } from '../src/mentions.js';
import { Readers } from '../src/readers.js';
import { Workspaces } from '../src/workspaces.js';

const quick = process.env.BENCH_QUICK === '1';
const CHANNELS = quick ? 100 : 200;
const PER_CHANNEL = quick ? 10 : 50;
const TOTAL = CHANNELS * PER_CHANNEL;
const FLOOR_S = PER_CHANNEL - 1;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('fan-out bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}

const { url, drop } = await createScratchDatabase(base);
const h = await openDatabase({ databaseUrl: url });
await h.migrate();
// Notification i goes to channel i mod CHANNELS, so every channel's alerts are interleaved.
await h.db.execute(sql`
  insert into notifications (tenant_id, ticket_id, metric, cycle, level, at, payload)
  select 'default', 'T-' || g, 'first_response', 1, '75%', now(),
         jsonb_build_object('subject', 'Refund ' || g, 'team', 'billing', 'dueAt', (now() + interval '15 minutes')::text)
  from generate_series(1, ${TOTAL}) g`);
await h.db.execute(sql`
  insert into deliveries (tenant_id, notification_id, destination, state, next_attempt_at)
  select 'default', id, 'slack:channel:C' || (id % ${CHANNELS}), 'pending', now() from notifications`);

// The fake enforces Slack's per-channel pace on successful posts.
const last = new Map<string, number>();
const delivered = new Map<string, number[]>();
/** Each accepted post's alert ("Refund N" names its notification), to tell a repeat apart. */
const posted = new Set<string>();
let repeated = 0;
let limited = 0;
const fake = new FakeSlack();
fake.fail('chat.postMessage', { status: 429, retryAfter: 1 }, Number.MAX_SAFE_INTEGER, (args) => {
  const channel = String(args.channel);
  const now = performance.now();
  const previous = last.get(channel);
  if (previous !== undefined && now - previous < 950) {
    limited++;
    return true;
  }
  last.set(channel, now);
  const alert = /Refund \d+/.exec(JSON.stringify(args))?.[0];
  if (alert === undefined) throw new Error(`a post names no alert: ${JSON.stringify(args)}`);
  if (posted.has(alert)) repeated++;
  else {
    posted.add(alert);
    delivered.set(channel, [...(delivered.get(channel) ?? []), now]);
  }
  return false;
});
await fake.start();

const clientOptions = { slackApiUrl: fake.apiUrl };
const deps = {
  db: h.db,
  engines: new EngineCache(),
  clock: Date.now,
  logger: pino({ level: 'error' }),
  workspaces: new Workspaces(h.db, { mode: 'single', botToken: 'xoxb-bench' }, clientOptions),
  readers: new Readers(Date.now),
  mentions: new Mentions(h.db, Date.now),
  managers: new Set<string>(),
};
const { pump } = slackDelivery(deps, { timer: realTimer, pollMs: 250 });
const start = performance.now();
pump.start();
const count = () => [...delivered.values()].reduce((n, d) => n + d.length, 0);
while (count() < TOTAL) await new Promise((resolve) => setTimeout(resolve, 50));
const total = (performance.now() - start) / 1000;
await pump.stop();
await new Promise((resolve) => setTimeout(resolve, 500)); // the last outbox writes
const [{ n } = { n: 0 }] = (await h.db.execute(
  sql`select count(*)::int as n from deliveries where state = 'delivered'`,
)) as unknown as { n: number }[];

const firsts = [...delivered.values()].map((d) => ((d[0] ?? start) - start) / 1000);
const lasts = [...delivered.values()].map((d) => ((d.at(-1) ?? start) - start) / 1000);
console.log(`fan-out: ${TOTAL} alerts over ${CHANNELS} channels (${PER_CHANNEL} each), PostgreSQL`);
console.log(
  `  total ${total.toFixed(1)} s; floor ${FLOOR_S} s; ratio ${(total / FLOOR_S).toFixed(3)}`,
);
console.log(
  `  429s received ${limited}; rows delivered in the outbox ${n}; repeated posts ${repeated}`,
);
console.log(
  `  first message per channel: worst ${Math.max(...firsts).toFixed(2)} s; last message per channel: ${Math.min(...lasts).toFixed(1)}-${Math.max(...lasts).toFixed(1)} s`,
);
await fake.stop();
await h.close();
await drop();
// The count above is of distinct alerts; a bench that posted one twice measured something else.
if (repeated > 0 || n !== TOTAL || posted.size !== TOTAL) {
  console.error(`fan-out: ${repeated} repeated posts, ${n} of ${TOTAL} delivered in the outbox`);
  process.exit(1);
}
