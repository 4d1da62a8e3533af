import { header } from '../shared/headers.js';
import { hmac, sameSignature, secretList } from '../shared/hmac.js';
import { toWireInstant } from '../shared/instant.js';
import { refuse, type TimedVerifyInput, type VerifyResult } from '../webhooks/types.js';

/** The header with the signature: base64(HMAC-SHA256(secret, timestamp + body)). */
const ZENDESK_SIGNATURE_HEADER = 'X-Zendesk-Webhook-Signature';
/** The header with the signed timestamp, ISO-8601 (`2021-03-25T05:09:27Z`; no offset: UTC). */
const ZENDESK_TIMESTAMP_HEADER = 'X-Zendesk-Webhook-Signature-Timestamp';

/**
 * Checks a Zendesk webhook as Zendesk documents it ("Verifying webhook authenticity"):
 * the signature is base64(HMAC-SHA256(signing secret, timestamp header + raw body)), the
 * secret used as its text. The timestamp is signed too, so a request whose timestamp is
 * more than `toleranceSeconds` from `now` is refused as a replay.
 */
export function verifyZendeskSignature(input: TimedVerifyInput): VerifyResult {
  const secrets = secretList(input.secret);
  if (secrets.length === 0) return refuse('no_secret', 'no signing secret is configured');
  const signature = header(input.headers, ZENDESK_SIGNATURE_HEADER);
  if (signature === undefined || signature === '')
    return refuse('missing_signature', `no ${ZENDESK_SIGNATURE_HEADER} header`);
  const timestamp = header(input.headers, ZENDESK_TIMESTAMP_HEADER);
  if (timestamp === undefined || timestamp === '')
    return refuse('missing_timestamp', `no ${ZENDESK_TIMESTAMP_HEADER} header`);
  const signedAt = timestampMs(timestamp);
  if (signedAt === undefined)
    return refuse('malformed_timestamp', `"${timestamp}" is not an ISO-8601 timestamp`);
  const now = input.now === undefined ? Date.now() : Number(input.now);
  const tolerance = (input.toleranceSeconds ?? 300) * 1000;
  if (Math.abs(now - signedAt) > tolerance)
    return refuse('stale_timestamp', `signed at ${timestamp}, outside the replay window`);
  for (const secret of secrets) {
    const expected = hmac('sha256', secret, [timestamp, input.rawBody]).toString('base64');
    if (sameSignature(expected, signature.trim())) return { ok: true };
  }
  return refuse('signature_mismatch', 'the signature does not match the body');
}

// Zendesk sends ISO-8601 in UTC (`Z`); epoch seconds are accepted too, for proxies that
// rewrite it. One without an offset is still Zendesk's UTC: read as UTC, never in the
// server's own zone (which is what Date.parse would do with it).
function timestampMs(text: string): number | undefined {
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const wire = toWireInstant(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
  return wire === undefined ? undefined : Date.parse(wire);
}
