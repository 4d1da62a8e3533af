import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** A chat app the server starts beside itself: its entry and the port it listens on. */
export interface ChatApp {
  readonly name: 'slack' | 'teams';
  readonly entry: string;
  readonly port: number;
}

/**
 * The chat apps whose credentials are set: Slack with a bot token or OAuth client id, Teams
 * with an app id. Their SDKs live in their own apps, so they run as processes of their own
 * (sharing the server's PostgreSQL), never imported into this one.
 */
export function configuredChatApps(
  env: Readonly<Record<string, string | undefined>>,
  ports: { slack: number; teams: number },
): ChatApp[] {
  const apps: ChatApp[] = [];
  if (env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID)
    apps.push({ name: 'slack', entry: appEntry('slack'), port: ports.slack });
  if (env.MICROSOFT_APP_ID)
    apps.push({ name: 'teams', entry: appEntry('teams'), port: ports.teams });
  return apps;
}

// Built, this module is dist/chat-apps.js and starts the apps' dist/main.js; run from its
// sources in development (`npm run dev`), it starts theirs, with this process's Node flags
// (`--conditions=source --import tsx`).
const FROM = import.meta.url.endsWith('.ts') ? 'src/main.ts' : 'dist/main.js';

function appEntry(name: string): string {
  return fileURLToPath(new URL(`../../${name}/${FROM}`, import.meta.url));
}

/** Starts the apps with the server's environment and their own port; output goes to ours. */
export function startChatApps(apps: readonly ChatApp[]): ChildProcess[] {
  return apps.map((app) =>
    spawn(process.execPath, [...process.execArgv, app.entry], {
      env: { ...process.env, PORT: String(app.port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
}

/** Stops the apps as Kubernetes would (SIGTERM: their outbox claims are committed or released). */
export async function stopChatApps(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map((c) => {
        const exited = once(c, 'exit');
        c.kill('SIGTERM');
        return exited;
      }),
  );
}
