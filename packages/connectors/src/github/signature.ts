import { header } from '../shared/headers.js';
import { hmac, sameSignature, secretList } from '../shared/hmac.js';
import { refuse, type VerifyInput, type VerifyResult } from '../webhooks/types.js';

/** `sha256=<hex HMAC-SHA256(secret, raw body)>`. */
const GITHUB_SIGNATURE_HEADER = 'X-Hub-Signature-256';
/** The event name: `issues`, `issue_comment`, `ping`, ... */
export const GITHUB_EVENT_HEADER = 'X-GitHub-Event';

/**
 * Checks a GitHub webhook as GitHub documents it ("Validating webhook deliveries"): the
 * `X-Hub-Signature-256` header is `sha256=` and the hex HMAC-SHA256 of the raw body. The
 * legacy SHA-1 `X-Hub-Signature` is not accepted. GitHub signs no timestamp, so there is no
 * replay window; replays are harmless because event ids come from the delivery GUID.
 */
export function verifyGitHubSignature(input: VerifyInput): VerifyResult {
  const secrets = secretList(input.secret);
  if (secrets.length === 0) return refuse('no_secret', 'no webhook secret is configured');
  const value = header(input.headers, GITHUB_SIGNATURE_HEADER);
  if (value === undefined || value === '')
    return refuse('missing_signature', `no ${GITHUB_SIGNATURE_HEADER} header`);
  const m = /^sha256=([0-9a-fA-F]+)$/.exec(value.trim());
  if (!m?.[1])
    return refuse('malformed_signature', `${GITHUB_SIGNATURE_HEADER} is not sha256=<hex>`);
  const received = m[1].toLowerCase();
  for (const secret of secrets) {
    if (sameSignature(hmac('sha256', secret, [input.rawBody]).toString('hex'), received))
      return { ok: true };
  }
  return refuse('signature_mismatch', 'the signature does not match the body');
}
