/** One usage line per command, shown with every error about it and by `help`. */
export const USAGE = {
  help: 'help',
  stats:
    'stats [today|yesterday|7d|30d|mtd|2026-11-01..2026-11-15] [team:X] [priority:X] [agent:X] [by:team|agent|priority|metric|day|organization|contract] [public]',
  'at-risk': 'at-risk [within:2h] [team:X]',
  breached: 'breached [today|yesterday|7d|30d|mtd|FROM..TO] [team:X]',
  ticket: 'ticket ID',
  subscribe:
    'subscribe alerts [team:X] [priority:X] [metric:X] [levels:75%,90%,breach] [to:assignee] [remind:4h [times:3]]  |  subscribe digest daily|weekdays|weekly|monthly HH:MM [zone] [team:X|organization:X] [goal:95]',
  unsubscribe: 'unsubscribe ID',
  subscriptions: 'subscriptions',
  connections: 'connections',
  link: 'link agent@example.com',
} as const;

export type CommandWord = keyof typeof USAGE;

/** Every usage line, for `help` and for a command we do not know. */
export function allUsage(prefix = '/sla'): string {
  return Object.values(USAGE)
    .map((line) => `${prefix} ${line}`)
    .join('\n');
}
