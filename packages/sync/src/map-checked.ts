// How GitHub's and Jira's readers turn records into events: each record rebuilt as the
// webhooks it stands for, mapped through connectors' own mapping (which throws a
// ConnectorError naming the problems), and each draft checked as core checks any event.
import { checkEvent } from '@breachless/core';
import type { Mapped } from './platform.js';

/**
 * Maps every record to its drafts (`drafts`) and checks each; a draft that fails the check,
 * or a record whose mapping throws problems, is rejected under `where(record)`. Anything
 * thrown without `problems` is a bug and is thrown on.
 */
export function mapChecked<R>(
  records: readonly R[],
  where: (record: R) => string,
  drafts: (record: R) => Iterable<unknown>,
): Mapped {
  const out: Mapped = { events: [], rejected: [] };
  for (const record of records) {
    try {
      for (const draft of drafts(record)) {
        const checked = checkEvent(draft);
        if ('event' in checked) out.events.push(checked.event);
        else out.rejected.push({ record: where(record), problems: checked.problems });
      }
    } catch (error) {
      const problems = (error as { problems?: { path: string; message: string }[] }).problems;
      if (problems === undefined) throw error;
      out.rejected.push({ record: where(record), problems });
    }
  }
  return out;
}
