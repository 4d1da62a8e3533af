import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { USAGE } from '../../apps/cli/src/run.js';
import { BOT_SCOPES } from '../../apps/slack/src/app.js';
import { REPO } from './services.js';

const text = readFileSync(`${REPO}infra/slack/manifest.yaml`, 'utf8');
const manifest = parse(text) as {
  features: { app_home: Record<string, boolean> };
  settings: { event_subscriptions: { bot_events: string[] } };
};

describe('infra/slack/manifest.yaml', () => {
  it('shows the direct messages the app sends assignees in a read-only Messages tab', () => {
    const home = manifest.features.app_home;
    // Slack's schema refuses a read-only tab that is not enabled.
    if (home.messages_tab_read_only_enabled) expect(home.messages_tab_enabled).toBe(true);
    // The app opens DMs (im:write) to alert assignees: they land in the Messages tab.
    expect(BOT_SCOPES).toContain('im:write');
    expect(home.messages_tab_enabled).toBe(true);
    // It reads no message anyone types there, so typing is off.
    expect(manifest.settings.event_subscriptions.bot_events).not.toContain('message.im');
    expect(home.messages_tab_read_only_enabled).toBe(true);
  });

  it('names only commands and workspaces that exist in its comments', () => {
    const comments = text
      .split('\n')
      .filter((line) => line.trimStart().startsWith('#'))
      .join('\n');
    for (const [, verb] of comments.matchAll(/`breachless ([a-z-]+)/g))
      expect(USAGE, `breachless ${verb}`).toMatch(new RegExp(`^  ${verb}\\b`, 'm'));
    for (const [, app] of comments.matchAll(/-w @breachless\/([a-z-]+)/g))
      expect(existsSync(`${REPO}apps/${app}/package.json`), app).toBe(true);
    for (const [, path] of comments.matchAll(/\b((?:infra|docs)\/[\w./-]+[\w/])/g))
      expect(existsSync(`${REPO}${path}`), path).toBe(true);
  });
});
