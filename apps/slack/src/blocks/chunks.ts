import type { KnownBlock } from '@slack/types';
import { LIMITS } from './limits.js';

/**
 * Lines packed into as few sections as fit (each under Slack's 3,000 characters), at most
 * `maxBlocks` of them; lines that do not fit are dropped and a context line says
 * "showing N of M" (M is `total` when the list was already cut before rendering).
 */
export function lineSections(
  lines: readonly string[],
  maxBlocks: number,
  total = lines.length,
  wrap: (body: string) => string = (body) => body,
): KnownBlock[] {
  const budget = LIMITS.sectionText - wrap('').length;
  const bodies: string[][] = [];
  let shown = 0;
  for (const line of lines) {
    const last = bodies.at(-1);
    const size = last ? last.join('\n').length + 1 + line.length : line.length;
    if (last && size <= budget) last.push(line);
    else if (bodies.length < maxBlocks - 1 && line.length <= budget) bodies.push([line]);
    else break;
    shown++;
  }
  const blocks: KnownBlock[] = bodies.map((b) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: wrap(b.join('\n')) },
  }));
  if (shown < total)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Showing ${shown} of ${total}.` }],
    });
  return blocks;
}

/** A header block, cut to Slack's 150 characters. */
export function header(text: string): KnownBlock {
  const cut = text.length > LIMITS.headerText ? `${text.slice(0, LIMITS.headerText - 1)}…` : text;
  return { type: 'header', text: { type: 'plain_text', text: cut } };
}
