import { STATUSES } from '../config/statuses.js';
import { instantRangeProblem, LIMITS } from '../limits.js';
import { parseInstant } from '../time/instant.js';
import type { TicketEvent, TicketFields } from './types.js';

// The schema (schema.ts) stays the one definition of a valid event and of every message:
// this reader accepts only what it can prove the schema accepts, and builds exactly what
// the schema would build, without the intermediate copies (zod's object, then the
// transforms' copies) that made validation the largest source of garbage in an import.
// Anything else, unknown keys included, answers `undefined` and goes to the schema.

const MAX = LIMITS.maxIdLength;
const STATUS = new Set<string>(STATUSES);
const BY = new Set(['customer', 'agent']);
const AUTHOR = new Set(['customer', 'agent', 'system']);
/** The keys each type's schema declares; an event with any other key goes to the schema. */
const BASE = ['id', 'ticket', 'tenant', 'at', 'type'];
const KEYS = new Map<string, ReadonlySet<string>>([
  ['ticket.created', new Set([...BASE, 'by', 'fields'])],
  ['ticket.updated', new Set([...BASE, 'fields'])],
  ['message', new Set([...BASE, 'author', 'public'])],
  ['ticket.deleted', new Set(BASE)],
]);
/** The fields' short texts, in the order of the schema's shape (which orders its output). */
const SHORT = ['priority', 'team', 'channel', 'assignee', 'requester', 'organization', 'brand'];
const FIELD_KEYS = new Set(['status', ...SHORT, 'subject', 'url', 'tags', 'custom']);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The event the schema would give for `value`, when `value` is a plain, valid event whose
 * keys are all the schema's own; `undefined` when only the schema can say.
 */
export function plainEvent(value: unknown): TicketEvent | undefined {
  if (!isPlain(value)) return undefined;
  const e = value as Record<string, unknown>;
  const type = e.type;
  const keys = typeof type === 'string' ? KEYS.get(type) : undefined;
  if (keys === undefined || !onlyKeys(e, keys)) return undefined;
  const { id, ticket, tenant, by, author } = e;
  if (!isId(id) || !isId(ticket) || (tenant !== undefined && !isId(tenant))) return undefined;
  const at = instant(e.at);
  if (at === undefined) return undefined;
  let fields: TicketFields | undefined;
  if (type === 'ticket.created' || type === 'ticket.updated') {
    fields = readFields(e.fields);
    if (fields === undefined) return undefined;
    if (type === 'ticket.created' && by !== undefined && !BY.has(by as string)) return undefined;
  } else if (type === 'message' && (!AUTHOR.has(author as string) || typeof e.public !== 'boolean'))
    return undefined;
  // uniformEvent's keys, in its order: every event shares one hidden class.
  return {
    id,
    ticket,
    tenant,
    at,
    type,
    by: type === 'ticket.created' ? (by ?? 'customer') : undefined,
    fields,
    author: type === 'message' ? author : undefined,
    public: type === 'message' ? e.public : undefined,
  } as unknown as TicketEvent;
}

function readFields(value: unknown): TicketFields | undefined {
  if (!isPlain(value) || !onlyKeys(value, FIELD_KEYS)) return undefined;
  const out: Record<string, unknown> = {};
  const { status, subject, url, tags, custom } = value;
  if (status !== undefined) {
    if (!STATUS.has(status as string)) return undefined;
    out.status = status;
  }
  for (const key of SHORT) {
    const text = value[key];
    if (text === undefined) continue;
    if (text !== null && !isShort(text)) return undefined;
    out[key] = text;
  }
  for (const [key, text] of [
    ['subject', subject],
    ['url', url],
  ] as const) {
    if (text === undefined) continue;
    if (text !== null && !(typeof text === 'string' && storable(text))) return undefined;
    out[key] = text;
  }
  if (tags !== undefined) {
    if (!Array.isArray(tags)) return undefined;
    // By index, not `every`: a hole is `undefined` to the schema, which refuses it. Not
    // `slice`, which would call a `constructor` key the list may hold.
    const copy: string[] = [];
    for (let i = 0; i < tags.length; i++) {
      const tag: unknown = tags[i];
      if (!isShort(tag)) return undefined;
      copy.push(tag);
    }
    out.tags = copy;
  }
  if (custom !== undefined) {
    const copy = readCustom(custom);
    if (copy === undefined) return undefined;
    out.custom = copy;
  }
  return out as TicketFields;
}

// The schema's record copies own string keys and keeps values as they are; values here are
// only scalars, so nothing nests deeper than the walk for unstorable text would look.
function readCustom(value: unknown): Record<string, unknown> | undefined {
  if (!isPlain(value) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    if (key === '__proto__' || !storable(key)) return undefined;
    if (typeof v === 'string' ? !storable(v) : !(v === null || isScalar(v))) return undefined;
    out[key] = v;
  }
  return out;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function onlyKeys(value: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

function isShort(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX && storable(value);
}

function isId(value: unknown): value is string {
  return isShort(value) && value.length > 0;
}

/**
 * What the walk for unstorable text (client-data.ts) finds no problem in: no NUL, and every
 * UTF-16 surrogate in a pair, high then low.
 */
function storable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1); // NaN past the end
    if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/** `instant` of schema.ts, read by hand in the form formatInstant writes. */
function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = value.length === 20 ? canonical(value) : parseInstant(value);
  return at !== undefined && instantRangeProblem(at) === undefined ? at : undefined;
}

// `2026-11-23T15:00:00Z`, years 2000 to 2059 (the accepted range); text of another form is
// read by parseInstant, as the schema reads it, and any other year goes to the schema.
function canonical(text: string): number | undefined {
  const form = text[4] === '-' && text[7] === '-' && text[10] === 'T' && text[13] === ':';
  if (!form || text[16] !== ':' || text[19] !== 'Z') return parseInstant(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 2000 || year > 2059 || month < 1 || month > 12 || day < 1) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return undefined;
  // From 2000 to 2059 every fourth year is a leap year (2000 too: divisible by 400).
  const leap = month === 2 && year % 4 === 0;
  if (day > (DAYS[month - 1] ?? 0) + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The number `count` ASCII digits spell from `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
