import { checkEvent } from '@breachless/core';
import type { Tally } from './tally.js';
import type { ImportItem } from './types.js';

/**
 * Reads NDJSON ticket events (formats.md), one per line, each checked by the core on its
 * own: a bad line becomes an item with its problems and the import goes on. Blank lines
 * are skipped.
 */
export async function* ndjsonItems(
  lines: AsyncIterable<string>,
  tally: Tally,
): AsyncGenerator<ImportItem> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    tally.records++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield tally.count({ line, problems: [{ path: '(line)', message: 'not valid JSON' }] });
      continue;
    }
    const checked = checkEvent(value);
    yield tally.count('event' in checked ? { line, event: checked.event } : { line, ...checked });
  }
}
