import { formatLocal } from '@breachless/chat';

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` are the only control characters, so
 * escaping them makes a ticket subject like `<!channel> pay now` show as typed instead of
 * pinging a channel or forging a link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A link when `url` is a plain http(s) URL, else the label alone (never a broken link). */
export function link(url: string | null, label: string): string {
  if (!url || !/^https?:\/\/[^\s<>|]+$/.test(url)) return escapeMrkdwn(label);
  return `<${url}|${escapeMrkdwn(label).replaceAll('|', '¦')}>`;
}

/**
 * An instant every reader sees in their own zone (Slack's date token); the fallback, for
 * clients that cannot, is in `zone`.
 */
export function date(at: number, zone: string): string {
  const seconds = Math.floor(at / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${formatLocal(at, zone)}>`;
}

/** A user mention when we know their Slack id, else their helpdesk name. */
export function who(person: { user?: string; name: string } | null): string {
  if (!person) return 'unassigned';
  return person.user && /^[UW][A-Z0-9]+$/.test(person.user)
    ? `<@${person.user}>`
    : escapeMrkdwn(person.name);
}
