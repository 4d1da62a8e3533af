/**
 * What hostile requests cost the API since issue 15 (sizes and times of the answers, and the
 * server's memory while 100 webhook bodies of 5 MiB arrive at once from another process):
 * 200,000 bad NDJSON lines, reports over decades, the SLA view of a 40,000-event ticket.
 * On PostgreSQL when TEST_DATABASE_URL is set (a scratch database), PGlite otherwise.
 * BENCH_QUICK=1: a 4,000-event ticket.
 */
import { spawn } from 'node:child_process';
import {
  addWebhookSecret,
  createToken,
  EngineCache,
  openDatabase,
  TicketCache,
} from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { createApp } from '@breachless/http';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { listen } from '../src/server.js';

const scratch = process.env.TEST_DATABASE_URL
  ? await createScratchDatabase(process.env.TEST_DATABASE_URL)
  : undefined;
const handle = await openDatabase({ databaseUrl: scratch?.url });
await handle.migrate();
const NOW = Date.now();
const app = createApp({
  db: handle.db,
  engines: new EngineCache(),
  tickets: new TicketCache(),
  clock: () => NOW,
  logger: pino({ level: 'silent' }),
  registry: new Registry(),
  maxBodyBytes: 5 * 1024 * 1024,
});
const headers = { authorization: `Bearer ${await createToken(handle.db, 'bench')}` };
const json = { ...headers, 'content-type': 'application/json' };

async function measure(label: string, path: string, init: RequestInit = { headers }) {
  const began = performance.now();
  const res = await app.request(path, init);
  const bytes = (await res.arrayBuffer()).byteLength;
  const ms = Math.round(performance.now() - began);
  console.log(`${label}: ${res.status}, ${bytes.toLocaleString('en')} bytes, ${ms} ms`);
}

const ndjson = { ...headers, 'content-type': 'application/x-ndjson' };
await measure('200,000 bad NDJSON lines', '/v1/events', {
  method: 'POST',
  headers: ndjson,
  body: 'x\n'.repeat(200_000),
});
await measure('1,000 bad NDJSON lines', '/v1/events', {
  method: 'POST',
  headers: ndjson,
  body: 'x\n'.repeat(1000),
});
await measure(
  'report 1990..now by day,team',
  '/v1/reports/compliance?from=1990-01-01&to=2026-11-23&by=day,team',
);
await measure(
  'report 1000..now by day',
  '/v1/reports/compliance?from=1000-01-01&to=2026-11-23&by=day',
);
await measure(
  'report of 92 days by day,team, first time',
  '/v1/reports/compliance?from=2026-08-01&to=2026-10-31&by=day,team',
);

const policy = { id: 'p', calendar: '24x7' };
const targets = {
  first_response: { '*': '1h' },
  next_response: { '*': '1h' },
  resolution: { '*': '30d' },
};
await app.request('/v1/config', {
  method: 'PUT',
  headers: json,
  body: JSON.stringify({ policies: [{ ...policy, targets }] }),
});
// Customer and agent take turns every 30 s: a next-response cycle per customer message.
const EVENTS = process.env.BENCH_QUICK === '1' ? 4000 : 40_000;
const T0 = NOW - EVENTS * 30_000 - 3_600_000;
const eventAt = (i: number) =>
  i === 0
    ? {
        id: 'e0',
        ticket: 'LONG',
        type: 'ticket.created',
        at: new Date(T0).toISOString(),
        by: 'customer',
        fields: { status: 'new' },
      }
    : {
        id: `e${i}`,
        ticket: 'LONG',
        type: 'message',
        at: new Date(T0 + i * 30_000).toISOString(),
        author: i % 2 ? 'agent' : 'customer',
        public: true,
      };
for (let i = 0; i < EVENTS; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => eventAt(i + j));
  const res = await app.request('/v1/events', {
    method: 'POST',
    headers: json,
    body: JSON.stringify(batch),
  });
  if (res.status !== 202) throw new Error(`ingest: ${res.status} ${await res.text()}`);
}
await measure(`SLA view of a ${EVENTS.toLocaleString('en')}-event ticket`, '/v1/tickets/LONG/sla');
await measure('the same, ?cycles=500', '/v1/tickets/LONG/sla?cycles=500');

// The webhook bodies come from another process, so only the server's memory is counted.
await addWebhookSecret(handle.db, 'signed', 'github', 'secret');
const server = await new Promise<ReturnType<typeof listen>>((resolve) => {
  const s = listen(app.fetch, 0, { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 }, () =>
    resolve(s),
  );
});
const { port } = server.address() as { port: number };
const client = `
const body = new Uint8Array(5 * 1024 * 1024).fill(120);
const send = () => fetch('http://127.0.0.1:${port}/v1/webhooks/github?tenant=' + process.argv[1], {
  method: 'POST', duplex: 'half', body: new Blob([body]).stream(),
  headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) },
}).then((r) => r.status, () => 'error');
Promise.all(Array.from({ length: 100 }, send)).then((all) => {
  const counts = {};
  for (const s of all) counts[s] = (counts[s] ?? 0) + 1;
  console.log(JSON.stringify(counts));
});`;
for (const tenant of ['nobody', 'signed']) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const answers = await new Promise<string>((resolve) => {
    let out = '';
    const child = spawn(process.execPath, ['-e', client, tenant]);
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('close', () => resolve(out.trim()));
  });
  clearInterval(timer);
  const mb = Math.round((peak - before) / 1e6);
  console.log(`100 concurrent 5 MiB webhooks, tenant ${tenant}: ${answers}, server RSS +${mb} MB`);
}
server.close();
await handle.close();
await scratch?.drop();
