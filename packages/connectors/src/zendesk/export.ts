import { checkEvent } from '@breachless/core';
import type { Tally } from '../import/tally.js';
import type { ImportItem } from '../import/types.js';
import { problemsOf } from '../shared/payload.js';
import { mapAudit } from './audit-map.js';
import { zendeskAuditSchema } from './audit-schema.js';
import type { ZendeskOptions } from './values.js';

/**
 * Reads a Zendesk ticket audit export (`--format zendesk-json`): one JSON value per line,
 * either an audit or a page of the Ticket Audits API (`{"audits":[...]}`), which is what
 * saving each page of `GET /api/v2/ticket_audits` (or of a ticket's audits) on its own
 * line gives. Audits replay the ticket's history with the instant of each change, so
 * nothing is read from the ticket's current fields. A line that is not JSON, or an audit
 * not shaped as documented, is rejected with its line and the import goes on.
 */
export async function* zendeskItems(
  lines: AsyncIterable<string>,
  options: ZendeskOptions,
  tally: Tally,
): AsyncGenerator<ImportItem> {
  const requesters = new Map<string, string | null>();
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      tally.records++;
      yield tally.count({ line, problems: [{ path: '(line)', message: 'not valid JSON' }] });
      continue;
    }
    const page = value as { audits?: unknown };
    const audits = Array.isArray(page.audits) ? page.audits : [value];
    for (const [index, candidate] of audits.entries()) {
      tally.records++;
      const prefix = audits === page.audits ? `audits[${index}].` : '';
      const parsed = zendeskAuditSchema.safeParse(candidate);
      if (!parsed.success) {
        const problems = problemsOf(parsed.error.issues).map((p) => ({
          ...p,
          path: prefix + p.path,
        }));
        yield tally.count({ line, problems });
        continue;
      }
      const mapped = mapAudit(parsed.data, options, requesters);
      if ('problems' in mapped) {
        yield tally.count({
          line,
          problems: mapped.problems.map((p) => ({ ...p, path: prefix + p.path })),
        });
        continue;
      }
      if (mapped.events.length === 0) tally.skip('audit changes nothing tracked');
      for (const event of mapped.events) {
        const checked = checkEvent(event);
        yield tally.count(
          'event' in checked ? { line, event: checked.event } : { line, ...checked },
        );
      }
    }
  }
}
