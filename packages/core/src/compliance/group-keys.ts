import { GROUP_KEYS, type GroupKey } from './types.js';

/** Whether a word names a grouping of a compliance report (`day`, `team`, ...). */
export function isGroupKey(word: string): word is GroupKey {
  return (GROUP_KEYS as readonly string[]).includes(word);
}

/**
 * A report's grouping as people write it (`--by day,team`, `by=day, team`): the keys in
 * order, and the words that name no grouping, for the caller to refuse in its own words.
 * No text, or empty text, is no grouping (one row per metric).
 */
export function readGroupKeys(text: string | undefined): { keys: GroupKey[]; unknown: string[] } {
  if (!text) return { keys: [], unknown: [] };
  const words = text.split(',').map((word) => word.trim());
  return { keys: words.filter(isGroupKey), unknown: words.filter((word) => !isGroupKey(word)) };
}
