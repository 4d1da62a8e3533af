import { header } from '../shared/headers.js';
import { hmac, sameSignature, secretList } from '../shared/hmac.js';
import { refuse, type VerifyInput, type VerifyResult } from '../webhooks/types.js';

/** `<method>=<hex HMAC(secret, raw body)>`, WebSub style; Jira sends `sha256=`. */
const JIRA_SIGNATURE_HEADER = 'X-Hub-Signature';

const METHODS = new Set(['sha256', 'sha384', 'sha512']);

/**
 * Checks a Jira Cloud webhook registered with a secret (an admin webhook, or one a Connect
 * or OAuth app registers with one): `X-Hub-Signature` is `method=signature` as WebSub
 * defines it, where Jira uses `sha256` and the hex HMAC of the raw body; sha384 and sha512
 * are accepted too, sha1 is not. Jira signs no timestamp, so there is no replay window:
 * event ids come from the changelog and comment ids, which makes replays harmless.
 */
export function verifyJiraSignature(input: VerifyInput): VerifyResult {
  const secrets = secretList(input.secret);
  if (secrets.length === 0) return refuse('no_secret', 'no webhook secret is configured');
  const value = header(input.headers, JIRA_SIGNATURE_HEADER);
  if (value === undefined || value === '')
    return refuse('missing_signature', `no ${JIRA_SIGNATURE_HEADER} header`);
  const m = /^([a-z0-9]+)=([0-9a-fA-F]+)$/.exec(value.trim());
  const method = m?.[1];
  const hex = m?.[2];
  if (method === undefined || hex === undefined || !METHODS.has(method))
    return refuse('malformed_signature', `${JIRA_SIGNATURE_HEADER} is not sha256=<hex>`);
  for (const secret of secrets) {
    const expected = hmac(method as 'sha256', secret, [input.rawBody]).toString('hex');
    if (sameSignature(expected, hex.toLowerCase())) return { ok: true };
  }
  return refuse('signature_mismatch', 'the signature does not match the body');
}
