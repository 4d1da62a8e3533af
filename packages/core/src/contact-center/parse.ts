import { z } from 'zod';
import { clientDataProblems } from '../client-data.js';
import type { Problem } from '../errors.js';
import { instant } from '../events/schema.js';
import { requiredId } from '../short-text.js';
import type { QueueInteraction } from './types.js';

/** One interaction as the API takes it; unknown fields are kept out, as for events. */
const schema = z.object({
  id: requiredId,
  queue: requiredId,
  channel: requiredId.optional(),
  offeredAt: instant,
  answeredAt: instant.optional(),
  abandonedAt: instant.optional(),
});

/** Whether it could have happened: not both answered and abandoned, nothing before its offer. */
function consistency(i: QueueInteraction): Problem[] {
  const problems: Problem[] = [];
  if (i.answeredAt !== undefined && i.abandonedAt !== undefined)
    problems.push({
      path: 'abandonedAt',
      message: 'an interaction is answered or abandoned, not both',
    });
  if (i.answeredAt !== undefined && i.answeredAt < i.offeredAt)
    problems.push({ path: 'answeredAt', message: 'before offeredAt' });
  if (i.abandonedAt !== undefined && i.abandonedAt < i.offeredAt)
    problems.push({ path: 'abandonedAt', message: 'before offeredAt' });
  return problems;
}

/**
 * Reads contact-center interactions (`{"id","queue","channel"?,"offeredAt","answeredAt"?,
 * "abandonedAt"?}`, instants ISO-8601 with an offset or Z) all-or-nothing: the interactions,
 * or every problem by index and field.
 */
export function checkInteractions(
  values: readonly unknown[],
): { interactions: QueueInteraction[] } | { problems: Problem[] } {
  const interactions: QueueInteraction[] = [];
  const problems: Problem[] = [];
  for (const [index, value] of values.entries()) {
    const data = clientDataProblems(value, [index]);
    problems.push(...data);
    if (data.length > 0) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          path: `[${index}].${issue.path.join('.') || '(interaction)'}`,
          message: issue.message,
        });
      continue;
    }
    const { channel, answeredAt, abandonedAt, ...rest } = parsed.data;
    const interaction: QueueInteraction = {
      ...rest,
      ...(channel !== undefined ? { channel } : {}),
      ...(answeredAt !== undefined ? { answeredAt } : {}),
      ...(abandonedAt !== undefined ? { abandonedAt } : {}),
    };
    const wrong = consistency(interaction);
    for (const p of wrong) problems.push({ path: `[${index}].${p.path}`, message: p.message });
    if (wrong.length === 0) interactions.push(interaction);
  }
  return problems.length ? { problems } : { interactions };
}
