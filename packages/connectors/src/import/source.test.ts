import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { collect, fixture } from '../testing/fixtures.js';
import { isImportFormat, openImport } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'connectors-import-'));
const NDJSON = [
  '{"id":"e1","ticket":"T-1","type":"ticket.created","at":"2026-11-02T09:00:00Z","fields":{"status":"new"}}',
  '',
  '{"id":"e2","ticket":"T-1","type":"message","at":"2026-11-02T09:40:00Z","author":"agent","public":true}',
  '{"id":"e3","ticket":"T-1","type":"message","at":"noon","author":"agent"}',
].join('\r\n');

describe('openImport', () => {
  it('reads NDJSON, plain or gzipped, with progress in bytes on disk', async () => {
    for (const [name, bytes] of [
      ['events.ndjson', Buffer.from(NDJSON)],
      ['events.ndjson.gz', gzipSync(NDJSON)],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const source = openImport(path, 'ndjson');
      const items = await collect(source);
      expect(items.map((i) => ('event' in i ? i.event.id : `line ${i.line}`))).toEqual([
        'e1',
        'e2',
        'line 4',
      ]);
      expect(source.progress()).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length });
      expect(source.stats()).toMatchObject({ records: 3, events: 2, rejected: 1 });
    }
  });

  it('reads a Zendesk audit export', async () => {
    const path = join(dir, 'audits.ndjson');
    writeFileSync(path, fixture('zendesk', 'audits.ndjson'));
    const items = await collect(openImport(path, 'zendesk-json'));
    expect(items.filter((i) => 'event' in i)).toHaveLength(9);
  });

  it('refuses a missing file and an unknown format, and names a ServiceNow header lacking columns', async () => {
    expect(() => openImport(join(dir, 'nope.csv'), 'ndjson')).toThrow(ConnectorError);
    expect(isImportFormat('servicenow-csv')).toBe(true);
    expect(isImportFormat('xlsx')).toBe(false);
    const path = join(dir, 'short.csv');
    writeFileSync(path, 'number,incident_state\nINC1,New\n');
    const error = await collect(openImport(path, 'servicenow-csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).problems.map((p) => p.path)).toContain('sys_updated_at');
  });
});
