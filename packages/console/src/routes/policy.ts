import {
  type Config,
  ConfigError,
  Engine,
  type Problem,
  parseConfig,
  readConfigDocument,
} from '@breachless/core';
import {
  applyConfig,
  configHistory,
  configVersion,
  currentConfig,
  eventsOfWindow,
} from '@breachless/db';
import { HttpError } from '@breachless/http';
import { type Context, Hono } from 'hono';
import { stringify } from 'yaml';
import type { ConsoleDeps, ConsoleEnv } from '../context.js';
import { page } from '../html-page.js';
import { requireAdmin } from '../session.js';
import { versionView, type WorkbenchState, workbench } from '../views/policy-view.js';
import { whatIf } from '../what-if.js';

const DAY_MS = 86_400_000;
/** The what-if windows offered, in days; 30 unless another is chosen. */
export const WHAT_IF_DAYS = [7, 14, 30, 90] as const;

/**
 * The draft read and validated like `PUT /v1/config` (syntax, then the core's validation):
 * its body and config, or every problem by path.
 */
function readDraft(text: string): { body: unknown; config: Config } | { problems: Problem[] } {
  try {
    const body = readConfigDocument(text);
    return { body, config: parseConfig(body) };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: [...error.problems] };
    throw error;
  }
}

const problemsOf = (text: string): Problem[] => {
  const draft = readDraft(text);
  return 'problems' in draft ? draft.problems : [];
};

/** A config body as the editor shows it: YAML, as the CLI's config files are written. */
const asYaml = (body: unknown) => (body === undefined ? '' : stringify(body));

/**
 * The policy workbench, `/t/:tenant/policy`: the current config in an editor checked as it is
 * typed (`POST check`: problems by path, JSON), a what-if of the draft over the tenant's
 * stored events of the last 7 to 90 days (`POST what-if`), then save (`POST save`, admins: a
 * new version by `console:<user>`, recomputed like `PUT /v1/config`) or discard. Each
 * version's page shows its author and its diff against the one before.
 */
export function policyRoutes(deps: ConsoleDeps) {
  const render = async (
    c: Context<ConsoleEnv>,
    draft: string | undefined,
    extra: Omit<WorkbenchState, 'text' | 'history'> = {},
  ) => {
    const session = c.get('session');
    const stored = await currentConfig(deps.db, session.tenant);
    const history = await configHistory(deps.db, session.tenant, 10);
    const text = draft ?? asYaml(stored?.body);
    return page(
      'Policy workbench',
      session,
      workbench(session, { text, history, ...extra }),
      'policy',
    );
  };
  return new Hono<ConsoleEnv>()
    .get('/', async (c) => c.html(await render(c, undefined)))
    .post('/check', async (c) => c.json({ problems: problemsOf(await c.req.text()) }))
    .post('/what-if', async (c) => {
      const session = c.get('session');
      const form = await c.req.parseBody();
      const text = typeof form.draft === 'string' ? form.draft : '';
      const days = Number(form.days ?? 30);
      if (!(WHAT_IF_DAYS as readonly number[]).includes(days))
        throw new HttpError(400, `days must be one of ${WHAT_IF_DAYS.join(', ')}`);
      const started = performance.now();
      const read = readDraft(text);
      if ('problems' in read)
        return c.html(await render(c, text, { problems: read.problems, days }), 400);
      const draft = new Engine(read.config);
      const current = await deps.engines.engineFor(deps.db, session.tenant);
      const to = deps.clock();
      const from = to - days * DAY_MS;
      const events = await eventsOfWindow(deps.db, session.tenant, from, to);
      const result = whatIf(events, current, draft, from, to);
      const ms = Math.round(performance.now() - started);
      return c.html(await render(c, text, { result, days, ms }));
    })
    .post('/save', async (c) => {
      requireAdmin(c);
      const session = c.get('session');
      const form = await c.req.parseBody();
      const text = typeof form.draft === 'string' ? form.draft : '';
      const read = readDraft(text);
      if ('problems' in read)
        return c.html(await render(c, text, { problems: read.problems }), 400);
      try {
        const saved = await applyConfig(
          deps.db,
          session.tenant,
          read.body,
          `console:${session.user}`,
          deps.clock(),
        );
        return c.redirect(
          `/t/${encodeURIComponent(session.tenant)}/policy/versions/${saved.version}`,
          303,
        );
      } catch (error) {
        // A draft that breaks tickets the current config evaluates: nothing was saved.
        if (!(error instanceof ConfigError)) throw error;
        return c.html(await render(c, text, { problems: [...error.problems] }), 400);
      }
    })
    .get('/versions/:version', async (c) => {
      const session = c.get('session');
      const version = Number(c.req.param('version'));
      const row = Number.isInteger(version)
        ? await configVersion(deps.db, session.tenant, version)
        : undefined;
      if (!row) throw new HttpError(404, `There is no config version ${c.req.param('version')}.`);
      const previous =
        version > 1 ? await configVersion(deps.db, session.tenant, version - 1) : undefined;
      return c.html(
        page(
          `Config version ${version}`,
          session,
          versionView(session, {
            version,
            changedBy: row.changedBy,
            createdAt: row.createdAt.getTime(),
            before: asYaml(previous?.body),
            after: asYaml(row.body),
          }),
          'policy',
        ),
      );
    });
}
