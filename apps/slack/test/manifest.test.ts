import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES } from '../src/app.js';

const manifest = parse(
  readFileSync(new URL('../../../infra/slack/manifest.yaml', import.meta.url), 'utf8'),
) as {
  features: { slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { request_url: string };
  };
};

describe('infra/slack/manifest.yaml', () => {
  it('asks for the scopes the app uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('sends the command, interactivity and events to the endpoint the app serves', () => {
    const paths = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ].map((u) => new URL(u).pathname);
    expect(new Set(paths)).toEqual(new Set(['/slack/events']));
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/sla']);
    expect(new URL(manifest.oauth_config.redirect_urls[0] ?? '').pathname).toBe(
      '/slack/oauth_redirect',
    );
  });

  it('subscribes to exactly the events the app handles', () => {
    const source = ['events.ts']
      .map((f) => readFileSync(new URL(`../src/${f}`, import.meta.url), 'utf8'))
      .join('\n');
    const handled = [...source.matchAll(/app\.event\('([a-z_]+)'/g)].map((m) => m[1]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(handled.sort());
  });
});
