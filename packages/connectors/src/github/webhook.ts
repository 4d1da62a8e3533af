import { createHash } from 'node:crypto';
import { validated } from '../shared/emit.js';
import { jsonBody, readPayload } from '../shared/payload.js';
import { ignored, type WebhookMapping } from '../webhooks/types.js';
import { mapIssueComment } from './comments.js';
import { type Draft, mapIssuesEvent } from './issues.js';
import { GITHUB, type GitHubOptions } from './options.js';
import { githubCommentPayloadSchema, githubIssuesPayloadSchema } from './schema.js';

/** One GitHub delivery: its `X-GitHub-Event` header and its body. */
interface GitHubDelivery {
  /** `X-GitHub-Event`. */
  readonly event: string;
  /** The raw body as signed (or its parsed JSON). */
  readonly body: unknown;
}

/**
 * The event id, from what the signature covers and nothing else: `X-GitHub-Delivery` is not
 * signed, so a signed body replayed with new delivery ids must still be one event. A comment
 * has GitHub's own id (`github:comment:<id>`); an `issues` action has none in its body, so it
 * is the body's SHA-256 (`github:body:<32 hex>`), the same on GitHub's redeliveries, which
 * resend the body unchanged. A parsed body is hashed as `JSON.stringify` writes it.
 */
function eventId(body: unknown, commentId: number | undefined): string {
  if (commentId !== undefined) return `${GITHUB}:comment:${commentId}`;
  const bytes =
    typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  return `${GITHUB}:body:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
}

/**
 * Maps a GitHub `issues` or `issue_comment` delivery to ticket events; other events (`ping`,
 * `push`, ...) and untracked actions come back `ignored`. Ticket ids are `owner/repo#n`;
 * event ids come from the signed body (see `eventId`), so replays and redeliveries are
 * duplicates.
 * @throws ConnectorError when the payload is not shaped as GitHub documents it
 */
export function mapGitHubWebhook(
  delivery: GitHubDelivery,
  options: GitHubOptions = {},
): WebhookMapping {
  if (delivery.event !== 'issues' && delivery.event !== 'issue_comment')
    return ignored(`${delivery.event} events are not tracked`);
  const body = jsonBody(GITHUB, delivery.body);
  let draft: Draft | string;
  let commentId: number | undefined;
  if (delivery.event === 'issues')
    draft = mapIssuesEvent(readPayload(GITHUB, githubIssuesPayloadSchema, body), options);
  else {
    const payload = readPayload(GITHUB, githubCommentPayloadSchema, body);
    draft = mapIssueComment(payload, options);
    commentId = payload.comment.id;
  }
  if (typeof draft === 'string') return ignored(draft);
  const event = { ...draft, id: eventId(delivery.body, commentId) };
  return { kind: 'events', events: validated(GITHUB, [event]) };
}
