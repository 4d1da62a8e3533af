import { parseCommand } from '../commands/parse.js';
import type { ParseResult, SlaCommand } from '../commands/types.js';
import { allUsage } from '../commands/usage.js';
import type { ChatView, NoticeView } from '../views/types.js';
import type { CommandContext, SlaQueries } from './queries.js';
import { runCommand } from './run-command.js';

/** How a platform's users type the command: Slack's `/sla`, Teams' `sla`, the CLI's `breachless`. */
export type SlaPrefix = '/sla' | 'sla' | 'breachless';

/** Who asks and when: the command's context without the prefix, which the request knows. */
export type Asker = Omit<CommandContext, 'prefix'>;

/** An `/sla` text read: the answer at once (a mistake, `help`), or a query to run. */
export interface SlaRequest {
  /** The command, or what was wrong with the text and the usage line of the command meant. */
  readonly parsed: ParseResult;
  /**
   * The answer when it needs nothing read (the error notice with its usage, or `help`); null
   * when the command must be run. Slack acknowledges with it, within its 3 seconds.
   */
  readonly immediate: NoticeView | null;
  /** Whether the answer is for the whole channel (`stats ... public`), not the asker alone. */
  readonly visible: boolean;
  /**
   * The answer: `immediate`, or the command run as `asker` against `queries` (already scoped
   * to the tenant, platform, channel and user). Throws only on a failure of our own (the
   * database away), which the platform answers with `SLA_APOLOGY`.
   */
  answer(asker: Asker, queries: SlaQueries): Promise<ChatView>;
}

/** What a platform says when answering failed on our side; the error goes to the log. */
export const SLA_APOLOGY =
  'Breachless could not answer just now (the error is logged for your operator). Try again in a minute.';

/**
 * Reads an `/sla` text (what follows the prefix) the same way on every platform: parsed by
 * the grammar, a malformed one answered with what was wrong and its usage, `help` with every
 * usage line, anything else run by `runCommand`. A platform adds only how it is asked and
 * how it shows the view.
 */
export function slaRequest(text: string, prefix: SlaPrefix): SlaRequest {
  const parsed = parseCommand(text, prefix);
  const read = readOf(parsed, prefix);
  return {
    parsed,
    immediate: read.immediate,
    visible: parsed.ok && parsed.command.name === 'stats' && parsed.command.public,
    answer: async (asker, queries) =>
      read.run === null ? read.immediate : runCommand(read.run, { ...asker, prefix }, queries),
  };
}

/** The command to run, or the notice that answers the text without running anything. */
function readOf(
  parsed: ParseResult,
  prefix: SlaPrefix,
): { run: SlaCommand; immediate: null } | { run: null; immediate: NoticeView } {
  if (!parsed.ok)
    return {
      run: null,
      immediate: { kind: 'notice', tone: 'error', text: parsed.error, usage: parsed.usage },
    };
  if (parsed.command.name === 'help')
    return { run: null, immediate: { kind: 'notice', tone: 'info', text: allUsage(prefix) } };
  return { run: parsed.command, immediate: null };
}
