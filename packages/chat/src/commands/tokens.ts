/** A command's words: bare words (`7d`, `public`) and `key:value` options (`team:billing`). */
export interface Words {
  readonly bare: readonly string[];
  readonly options: Readonly<Record<string, string>>;
}

/**
 * Splits command text on whitespace; double quotes keep spaces in a value
 * (`team:"Billing EMEA"`). Slack and Teams turn typed quotes into curly ones, so those count
 * too. A repeated option or an empty value is an error, not a silent pick.
 * @returns the words, or the error to show
 */
export function readWords(text: string): Words | { readonly error: string } {
  const tokens: string[] = [];
  let token: string | undefined;
  let quoted = false;
  for (const ch of text) {
    // Nothing downstream can store it (PostgreSQL text), and no one types it on purpose.
    if (ch === '\u0000') return { error: 'the command holds a NUL character' };
    if (ch === '"' || ch === '“' || ch === '”') {
      quoted = !quoted;
      token ??= '';
    } else if (!quoted && /\s/.test(ch)) {
      if (token !== undefined) tokens.push(token);
      token = undefined;
    } else token = (token ?? '') + ch;
  }
  if (quoted) return { error: 'a quote is not closed' };
  if (token !== undefined) tokens.push(token);
  const bare: string[] = [];
  // A Map, not an object: `constructor:x` or `__proto__:x` must be an unknown option like
  // any other (refused by the command's schema), not a built-in property of `{}`.
  const options = new Map<string, string>();
  for (const token of tokens) {
    const colon = token.indexOf(':');
    // `09:30` is a time, not an option: option names start with a letter.
    if (colon <= 0 || !/^[a-z-]+$/i.test(token.slice(0, colon))) {
      bare.push(token);
      continue;
    }
    const key = token.slice(0, colon).toLowerCase();
    const value = token.slice(colon + 1);
    if (value === '') return { error: `${key}: needs a value, like ${key}:something` };
    if (options.has(key)) return { error: `${key}: given twice` };
    options.set(key, value);
  }
  // `fromEntries` defines own properties, so even `__proto__` stays a key the schema sees.
  return { bare, options: Object.fromEntries(options) };
}
