import { ConnectorError } from '../errors.js';
import { numberedIds, validated } from '../shared/emit.js';
import { jsonBody, readPayload } from '../shared/payload.js';
import { ignored, type WebhookMapping } from '../webhooks/types.js';
import { mapIssueComment } from './comments.js';
import { mapIssuesEvent } from './issues.js';
import { GITHUB, type GitHubOptions } from './options.js';
import { githubCommentPayloadSchema, githubIssuesPayloadSchema } from './schema.js';

/** One GitHub delivery: its headers' event name and GUID, and its body. */
export interface GitHubDelivery {
  /** `X-GitHub-Event`. */
  readonly event: string;
  /** `X-GitHub-Delivery`: the event's GUID, the same on redeliveries. */
  readonly deliveryId: string;
  /** The raw body (or its parsed JSON). */
  readonly body: unknown;
}

/**
 * Maps a GitHub `issues` or `issue_comment` delivery to ticket events; other events (`ping`,
 * `push`, ...) and untracked actions come back `ignored`. Ticket ids are `owner/repo#n`;
 * the event id is `github:<delivery GUID>` (`:<n>` appended if a delivery ever maps to
 * several events).
 * @throws ConnectorError when the payload is not shaped as GitHub documents it
 */
export function mapGitHubWebhook(
  delivery: GitHubDelivery,
  options: GitHubOptions = {},
): WebhookMapping {
  if (delivery.event !== 'issues' && delivery.event !== 'issue_comment')
    return ignored(`${delivery.event} events are not tracked`);
  if (delivery.deliveryId === '')
    throw new ConnectorError('payload_invalid', GITHUB, 'the delivery has no X-GitHub-Delivery id');
  const body = jsonBody(GITHUB, delivery.body);
  const draft =
    delivery.event === 'issues'
      ? mapIssuesEvent(readPayload(GITHUB, githubIssuesPayloadSchema, body), options)
      : mapIssueComment(readPayload(GITHUB, githubCommentPayloadSchema, body), options);
  if (typeof draft === 'string') return ignored(draft);
  const events = numberedIds(`${GITHUB}:${delivery.deliveryId}`, [draft]);
  return { kind: 'events', events: validated(GITHUB, events) };
}
