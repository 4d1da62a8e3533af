import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, spacedCopy } from './spaced-copy.js';

const doc = readFileSync(`${REPO}docs/api.md`, 'utf8');
const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('docs/api.md', () => {
  it('covers token, config, events, ticket SLA, at-risk, reports, webhook and revoke', () => {
    const text = blocks.join('\n');
    for (const part of [
      'breachless token create',
      'PUT $API/v1/config',
      '$API/v1/events',
      '/v1/tickets/SUP-900/sla',
      '/v1/at-risk',
      '/v1/reports/compliance',
      'breachless webhook-secret add',
      '/v1/webhooks/github',
      'breachless token revoke',
    ])
      expect(text).toContain(part);
  });

  it('runs as written, pasted block after block into a shell in a fresh clone', async () => {
    const copy = spacedCopy();
    const port = await freePort();
    // The doc's port, 3000, may be taken on this machine: the API reads PORT.
    // Job control as in a terminal: `kill %1` stops the whole job (npm, tsx and the API),
    // and whatever runs when the script ends, passing or not, is stopped with it.
    const script = [
      'set -em',
      "trap 'for job in $(jobs -p); do kill -- -$job; done 2>/dev/null' EXIT",
      `export PORT=${port}`,
      ...blocks.map((b) => b.replaceAll('localhost:3000', `localhost:${port}`)),
      'kill %1; wait',
    ].join('\n');
    writeFileSync(`${copy}api-doc.sh`, script);
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const { stdout } = await promisify(execFile)('bash', ['api-doc.sh'], {
      cwd: copy,
      env,
      timeout: 280_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    // Every answer the doc shows in a comment is what the API answered.
    const shown = blocks.flatMap((b) =>
      [...b.matchAll(/^# (\{.*\}|\d{3})$/gm)].map((m) => m[1] ?? ''),
    );
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const answer of shown) expect(stdout, answer).toContain(answer);
    expect(stdout).toMatch(/"dueAt":"[^"]+","secondsLeft":\d+\}/);
    expect(stdout).toContain('metric,achieved,breached');
  });
});
