import type { GitHubOptions } from '../github/options.js';
import { GITHUB_EVENT_HEADER, verifyGitHubSignature } from '../github/signature.js';
import { mapGitHubWebhook } from '../github/webhook.js';
import type { JiraOptions } from '../jira/options.js';
import { verifyJiraSignature } from '../jira/signature.js';
import { mapJiraWebhook } from '../jira/webhook.js';
import { header } from '../shared/headers.js';
import { verifyZendeskSignature } from '../zendesk/signature.js';
import type { ZendeskOptions } from '../zendesk/values.js';
import { mapZendeskWebhook } from '../zendesk/webhook.js';
import type { TimedVerifyInput, VerifyFailure, WebhookMapping } from './types.js';

/** The helpdesks whose webhooks we take: `POST /v1/webhooks/{platform}`. */
export const WEBHOOK_PLATFORMS = ['zendesk', 'github', 'jira'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];

/** One webhook request, with the platform's mapping options. */
export type WebhookRequest = TimedVerifyInput &
  (
    | { readonly platform: 'zendesk'; readonly options?: ZendeskOptions }
    | { readonly platform: 'github'; readonly options?: GitHubOptions }
    | { readonly platform: 'jira'; readonly options?: JiraOptions }
  );

/** A webhook's outcome: refused (answer 401), or what it maps to. */
type WebhookOutcome =
  | { readonly kind: 'rejected'; readonly reason: VerifyFailure; readonly message: string }
  | WebhookMapping;

/**
 * Checks a webhook's signature and, only if it holds, maps its body: the one call the API's
 * webhook routes need. The body is parsed after the check, so an unsigned request never
 * reaches the JSON parser.
 * @throws ConnectorError when a correctly signed body cannot be mapped (answer 400)
 */
export function receiveWebhook(request: WebhookRequest): WebhookOutcome {
  switch (request.platform) {
    case 'zendesk': {
      const check = verifyZendeskSignature(request);
      if (!check.ok) return { kind: 'rejected', reason: check.reason, message: check.message };
      return mapZendeskWebhook(request.rawBody, request.options);
    }
    case 'github': {
      const check = verifyGitHubSignature(request);
      if (!check.ok) return { kind: 'rejected', reason: check.reason, message: check.message };
      // The event name is not signed either; a signed body read as the wrong event fails
      // that event's schema (400) or is an untracked action (ignored), never a new event.
      const delivery = {
        event: header(request.headers, GITHUB_EVENT_HEADER) ?? '',
        body: request.rawBody,
      };
      return mapGitHubWebhook(delivery, request.options);
    }
    case 'jira': {
      const check = verifyJiraSignature(request);
      if (!check.ok) return { kind: 'rejected', reason: check.reason, message: check.message };
      return mapJiraWebhook(request.rawBody, request.options);
    }
  }
}
