/**
 * Escapes text for an Adaptive Card TextBlock or fact, whose Markdown subset would otherwise
 * turn a ticket subject like `[pay here](https://evil)` into a link or `**x**` into bold: a
 * backslash before each character that starts emphasis, code or a link, and before what
 * would start a heading or list at a line's start. `<` and `>` become look-alikes so no
 * `<at>` mention can be forged.
 */
export function plain(text: string): string {
  return text
    .replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+(?=\.))(\.?)/gm, (_, space, mark, dot) =>
      dot ? `${space}${mark}\\.` : `${space}\\${mark}`,
    )
    .replaceAll('<', '‹')
    .replaceAll('>', '›');
}

/**
 * An instant Teams shows in each reader's own zone and locale (the card's DATE and TIME
 * functions); they take ISO-8601 in UTC without fractions.
 */
export function localTime(at: number): string {
  const iso = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/** Cuts text to `max` characters, marking the cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A plain http(s) URL, or undefined: a card must never carry a `javascript:` link. */
export function safeUrl(url: string | null): string | undefined {
  return url && /^https?:\/\/[^\s<>]+$/.test(url) ? url : undefined;
}
