import { isTimeZone, METRICS, parseDuration } from '@breachless/core';
import { z } from 'zod';
import { readPeriod } from './period.js';
import { readWords, type Words } from './tokens.js';
import {
  DIGEST_SCHEDULES,
  type ParseResult,
  type Period,
  type SlaCommand,
  STATS_GROUPS,
} from './types.js';
import { allUsage, type CommandWord, USAGE } from './usage.js';

const text = z.string().min(1);
const within = z.string().transform((value, ctx) => {
  const seconds = parseDuration(value);
  if (seconds === undefined || seconds <= 0) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration like 30m or 2h` });
    return z.NEVER;
  }
  return seconds;
});
/** A warning level as a policy writes it: a percentage of the target or a duration before due. */
const LEVEL = /^(\d{1,3}%|(\d+[dhms])+)$/;
const SCHEMAS = {
  stats: z.strictObject({
    team: text.optional(),
    priority: text.optional(),
    agent: text.optional(),
    by: z.enum(STATS_GROUPS).optional(),
  }),
  'at-risk': z.strictObject({ within: within.optional(), team: text.optional() }),
  breached: z.strictObject({ team: text.optional() }),
  alerts: z.strictObject({
    team: text.optional(),
    priority: text.optional(),
    metric: z.enum(METRICS).optional(),
    levels: z
      .string()
      .refine((v) => v.split(',').every((l) => l === 'breach' || LEVEL.test(l)), {
        error: 'name levels as the policy writes them, like 75%,90%,breach or 30m',
      })
      .optional(),
    to: z
      .enum(['channel', 'assignee'], { error: 'send to the channel or the assignee' })
      .optional(),
    remind: within.optional(),
    times: z.coerce
      .number({ error: 'say how many reminders, like times:3' })
      .int({ error: 'say how many reminders, like times:3' })
      .min(1, { error: 'from 1 to 10 reminders' })
      .max(10, { error: 'from 1 to 10 reminders' })
      .optional(),
  }),
  digest: z.strictObject({
    team: text.optional(),
    organization: text.optional(),
    goal: z.coerce
      .number({ error: 'give the goal as a percentage, like goal:90' })
      .min(1, { error: 'the goal is a percentage from 1 to 100' })
      .max(100, { error: 'the goal is a percentage from 1 to 100' })
      .optional(),
  }),
  none: z.strictObject({}),
};

class Refusal extends Error {}
const refuse = (message: string): never => {
  throw new Refusal(message);
};

/** Checks `key:value` options against a command's schema; the first problem, in words. */
function options<S extends z.ZodType>(schema: S, words: Words): z.output<S> {
  const result = schema.safeParse(words.options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys')
    return refuse(`${issue.keys.map((k) => `${k}:`).join(', ')} is not an option here`);
  return refuse(`${String(issue?.path[0] ?? 'option')}: ${issue?.message ?? 'is not valid'}`);
}

/** The bare words left after the ones a command takes; any left over is an error. */
function noMore(rest: readonly string[]): void {
  if (rest.length > 0) refuse(`"${rest[0]}" is not understood here`);
}

function period(words: readonly string[], fallback: Period): [Period, string[]] {
  const [first, ...rest] = words;
  if (first === undefined) return [fallback, []];
  const read = readPeriod(first);
  if (read === undefined) return [fallback, [...words]];
  if ('error' in read) return refuse(read.error);
  return [read, rest];
}

function digest(bare: readonly string[], words: Words): SlaCommand {
  const [schedule, time, zone, ...rest] = bare;
  noMore(rest);
  if (!(DIGEST_SCHEDULES as readonly string[]).includes(schedule ?? ''))
    refuse(`say how often: ${DIGEST_SCHEDULES.join(', ')}`);
  const hm = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time ?? '');
  if (!hm) return refuse(`${time ?? 'the time'}: give the local time as HH:MM, like 09:00`);
  if (zone !== undefined && !isTimeZone(zone))
    refuse(`${zone} is not a time zone (like Europe/Berlin)`);
  const { team, goal, organization } = options(SCHEMAS.digest, words);
  if (organization !== undefined && schedule !== 'monthly')
    refuse('organization: a statement digest is monthly: subscribe digest monthly HH:MM');
  if (organization !== undefined && team !== undefined)
    refuse('organization: a statement digest covers an organization, not a team');
  return {
    name: 'subscribe-digest',
    schedule: schedule as (typeof DIGEST_SCHEDULES)[number],
    time: `${hm[1]?.padStart(2, '0')}:${hm[2]}`,
    ...(zone ? { zone } : {}),
    ...(team ? { team } : {}),
    ...(organization ? { organization } : {}),
    ...(goal !== undefined ? { goal } : {}),
  };
}

/** `subscribe alerts`, optionally one rung of an escalation ladder (levels, to, reminders). */
function alerts(words: Words): SlaCommand {
  const { levels, remind, times, ...rest } = options(SCHEMAS.alerts, words);
  if (times !== undefined && remind === undefined)
    refuse('times: counts reminders: give remind:4h as well');
  if (remind !== undefined && levels !== undefined && !levels.split(',').includes('breach'))
    refuse('remind: reminds of breaches: add breach to levels');
  return {
    name: 'subscribe-alerts',
    ...rest,
    ...(levels !== undefined ? { levels: levels.split(',') } : {}),
    ...(remind !== undefined ? { remindSeconds: remind, reminders: times ?? 3 } : {}),
  };
}

function build(word: CommandWord, words: Words): SlaCommand {
  const bare = words.bare.slice(1);
  switch (word) {
    case 'help':
    case 'subscriptions':
    case 'connections':
      noMore(bare);
      options(SCHEMAS.none, words);
      return { name: word };
    case 'stats': {
      const [p, rest] = period(bare, { kind: 'days', days: 7 });
      const isPublic = rest[0]?.toLowerCase() === 'public';
      noMore(isPublic ? rest.slice(1) : rest);
      return { name: 'stats', period: p, ...options(SCHEMAS.stats, words), public: isPublic };
    }
    case 'at-risk': {
      noMore(bare);
      const { within: seconds, team } = options(SCHEMAS['at-risk'], words);
      return { name: 'at-risk', withinSeconds: seconds ?? 7200, ...(team ? { team } : {}) };
    }
    case 'breached': {
      const [p, rest] = period(bare, { kind: 'days', days: 7 });
      noMore(rest);
      return { name: 'breached', period: p, ...options(SCHEMAS.breached, words) };
    }
    case 'ticket':
    case 'unsubscribe': {
      const [id, ...rest] = bare;
      if (id === undefined)
        return refuse(`which ${word === 'ticket' ? 'ticket' : 'subscription'}?`);
      noMore(rest);
      options(SCHEMAS.none, words);
      return word === 'ticket' ? { name: 'ticket', ticket: id } : { name: 'unsubscribe', id };
    }
    case 'link': {
      const [email, ...rest] = bare;
      noMore(rest);
      if (!z.email().safeParse(email).success)
        refuse(`${email ?? 'an email'}: give the helpdesk agent's email address`);
      return { name: 'link', email: email as string };
    }
    case 'subscribe': {
      const [kind, ...rest] = bare;
      if (kind === 'alerts') {
        noMore(rest);
        return alerts(words);
      }
      if (kind === 'digest') return digest(rest, words);
      return refuse('subscribe to alerts or a digest');
    }
  }
}

/**
 * Parses the text after `/sla` (Slack) or `sla` (Teams). Never throws: a malformed command
 * comes back with what was wrong and the usage line of the command meant (all of them when
 * the command itself is unknown).
 */
export function parseCommand(input: string, prefix = '/sla'): ParseResult {
  const words = readWords(input.trim());
  const first = (input.trim().split(/\s+/)[0] || 'help').toLowerCase();
  const known = Object.hasOwn(USAGE, first);
  if ('error' in words)
    return {
      ok: false,
      error: words.error,
      usage: known ? `${prefix} ${USAGE[first as CommandWord]}` : allUsage(prefix),
    };
  if (!known) return { ok: false, error: `"${first}" is not a command`, usage: allUsage(prefix) };
  const word = first as CommandWord;
  try {
    return { ok: true, command: build(word, words) };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { ok: false, error: error.message, usage: `${prefix} ${USAGE[word]}` };
  }
}
