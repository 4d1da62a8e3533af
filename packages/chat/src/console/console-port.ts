import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatPort, MessageRef } from '../port/chat-port.js';
import type { ChatView } from '../views/types.js';
import { renderText } from './text-view.js';

export interface ConsolePortOptions {
  /** Where the text goes: the process's stdout in the standalone server, a buffer in tests. */
  readonly write: (text: string) => void;
  /** Where digest charts are saved as PNG files; unset, charts are left out. */
  readonly chartDir?: string;
}

/**
 * The chat port for running without Slack or Teams: each message is printed with a label
 * saying it stands for a chat message (`[console chat #support #12]`); updates and thread
 * replies name the message they belong to. Destinations are `console:channel:NAME`, so routing and the outbox work as they
 * do for a real platform.
 */
export function consolePort(options: ConsolePortOptions): ChatPort {
  let sent = 0;
  const print = (label: string, text: string) =>
    options.write(`[console chat ${label}] ${text.replaceAll('\n', '\n    ')}\n`);
  const chart = (view: ChatView): string | undefined => {
    if (view.kind !== 'digest' || !view.chart || !options.chartDir) return undefined;
    const day = new Date(view.now).toISOString().slice(0, 10);
    const path = join(options.chartDir, `digest-${day}.png`);
    writeFileSync(path, Buffer.from(view.chart.png, 'base64'));
    return path;
  };
  // An update or a thread reply repeats the alert: its first line says enough.
  const headline = (view: ChatView) => renderText(view).split('\n')[0] ?? '';
  return {
    platform: 'console',
    async send(conversation, view): Promise<MessageRef> {
      sent += 1;
      print(`${conversation} #${sent}`, renderText(view, chart(view)));
      return { conversation, id: String(sent) };
    },
    async update(ref, view) {
      print(`${ref.conversation} #${ref.id} updated`, headline(view));
    },
    async replyInThread(ref, view): Promise<MessageRef> {
      sent += 1;
      print(`${ref.conversation} #${sent} in the thread of #${ref.id}`, headline(view));
      return { conversation: ref.conversation, id: String(sent) };
    },
    async openDm(user) {
      return `@${user}`;
    },
  };
}
