import { z } from 'zod';
import { choose } from './choose.js';
import { CONDITION_OPS, type Condition, type ConditionOp } from './types.js';

const FIELDS = [
  'priority',
  'status',
  'channel',
  'team',
  'assignee',
  'requester',
  'organization',
  'brand',
  'tags',
];
const LIST_OPS: readonly ConditionOp[] = ['in', 'not_in'];

const field = z.string().refine((name) => FIELDS.includes(name) || /^custom\.[^.]+$/.test(name), {
  error: (iss) => `"${String(iss.input)}" is not a field (${FIELDS.join(', ')}, custom.<key>)`,
});

const leaf = z
  .object({ field })
  .catchall(z.unknown())
  .transform((raw, ctx): Condition => {
    const ops = Object.keys(raw).filter((key) => key !== 'field');
    const unknown = ops.filter((key) => !(CONDITION_OPS as readonly string[]).includes(key));
    if (unknown.length > 0 || ops.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `needs exactly one operator of ${CONDITION_OPS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
      });
      return z.NEVER;
    }
    const op = ops[0] as ConditionOp;
    const value = raw[op];
    if (LIST_OPS.includes(op) && !Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', path: [op], message: 'must be a list' });
    } else if (op === 'exists' && typeof value !== 'boolean') {
      ctx.addIssue({ code: 'custom', path: [op], message: 'must be true or false' });
    } else if (!LIST_OPS.includes(op) && op !== 'exists' && typeof value !== 'string') {
      ctx.addIssue({ code: 'custom', path: [op], message: 'must be a string' });
    }
    return { field: raw.field, op, value };
  });

/** A policy's `when`: `{field, op: value}` leaves combined with `all`, `any` and `not`. */
export const conditionSchema: z.ZodType<Condition> = choose((value): z.ZodType<Condition> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return z.never({ error: 'must be a condition object' });
  }
  // Own keys only: what a client sends must not be read through a prototype.
  if (Object.hasOwn(value, 'all')) return allOf;
  if (Object.hasOwn(value, 'any')) return anyOf;
  if (Object.hasOwn(value, 'not')) return notOf;
  if (Object.keys(value).length === 0) return always;
  return leaf;
});

// Built once, lazily (they refer back to `conditionSchema`), not once per condition node.
const allOf = z.lazy(() => z.strictObject({ all: z.array(conditionSchema) }));
const anyOf = z.lazy(() => z.strictObject({ any: z.array(conditionSchema) }));
const notOf = z.lazy(() => z.strictObject({ not: conditionSchema }));
const always = z.object({}).transform(() => ({ always: true as const }));
