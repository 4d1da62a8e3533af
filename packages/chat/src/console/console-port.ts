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

/** The console port, with `flush` to print an update still held back (see `consolePort`). */
export interface ConsoleChatPort extends ChatPort {
  /** Prints the update held back in case its thread reply followed; call at the end of a round. */
  flush(): void;
}

/**
 * The chat port for running without Slack or Teams: each message is printed with a label
 * saying it stands for a chat message (`[console chat #support #12]`); updates and thread
 * replies name the message they belong to. Destinations are `console:channel:NAME`, so routing
 * and the outbox work as they do for a real platform.
 *
 * It prints what a reader of the channel would notice, once: an update that leaves the message
 * saying what it said prints nothing, and an update followed by a thread reply saying the same
 * (a breach under its warning) is one line naming both.
 */
export function consolePort(options: ConsolePortOptions) {
  let sent = 0;
  // What each message says now (its first line), to leave out updates that change nothing.
  const shown = new Map<string, string>();
  let held: { ref: MessageRef; text: string } | undefined;
  const print = (label: string, text: string) =>
    options.write(`[console chat ${label}] ${text.replaceAll('\n', '\n    ')}\n`);
  const flush = () => {
    if (held) print(`${held.ref.conversation} #${held.ref.id} updated`, held.text);
    held = undefined;
  };
  const chart = (view: ChatView): string | undefined => {
    if (view.kind !== 'digest' || !view.chart || !options.chartDir) return undefined;
    const day = new Date(view.now).toISOString().slice(0, 10);
    const path = join(options.chartDir, `digest-${day}.png`);
    writeFileSync(path, Buffer.from(view.chart.png, 'base64'));
    return path;
  };
  // An update or a thread reply repeats the alert: its first line says enough.
  const headline = (view: ChatView) => renderText(view).split('\n')[0] ?? '';
  const key = (ref: MessageRef) => `${ref.conversation} ${ref.id}`;
  return {
    platform: 'console',
    async send(conversation, view): Promise<MessageRef> {
      flush();
      sent += 1;
      const ref = { conversation, id: String(sent) };
      print(`${conversation} #${sent}`, renderText(view, chart(view)));
      shown.set(key(ref), headline(view));
      return ref;
    },
    async update(ref, view) {
      flush();
      const text = headline(view);
      if (shown.get(key(ref)) === text) return;
      shown.set(key(ref), text);
      held = { ref, text };
    },
    async replyInThread(ref, view): Promise<MessageRef> {
      const text = headline(view);
      const merged = held !== undefined && key(held.ref) === key(ref) && held.text === text;
      // A reply repeating a message that did not change has nothing new to read.
      if (!merged && !held && shown.get(key(ref)) === text)
        return { conversation: ref.conversation, id: `${ref.id}-thread` };
      if (merged) held = undefined;
      else flush();
      sent += 1;
      print(
        merged
          ? `${ref.conversation} #${ref.id} updated, #${sent} in its thread`
          : `${ref.conversation} #${sent} in the thread of #${ref.id}`,
        text,
      );
      return { conversation: ref.conversation, id: String(sent) };
    },
    async openDm(user) {
      return `@${user}`;
    },
    flush,
  } satisfies ConsoleChatPort;
}
