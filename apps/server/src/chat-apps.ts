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
    apps.push({ name: 'slack', entry: SLACK_MAIN(), port: ports.slack });
  if (env.MICROSOFT_APP_ID) apps.push({ name: 'teams', entry: TEAMS_MAIN(), port: ports.teams });
  return apps;
}

/*
 * Each chat app publishes its start as a package entry (`@breachless/slack/main`): the server
 * asks Node where that entry is and runs it as a process, never importing it and knowing
 * nothing of the app's folders. The entry's export conditions pick the file: dist/main.js
 * built, src/main.ts under `--conditions=source` (`npm run dev`, which the child inherits
 * with `--import tsx` through execArgv, and the tests).
 */
const SLACK_MAIN = () => fileURLToPath(import.meta.resolve('@breachless/slack/main'));
const TEAMS_MAIN = () => fileURLToPath(import.meta.resolve('@breachless/teams/main'));

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
