import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/fixtures.js';
import { verifyJiraSignature } from './signature.js';

const secret = 'WdLdU8oJxmEj3wrvW2NQ';
const body = fixture('jira', 'issue-created.json');
const sign = (raw: string, key = secret, method = 'sha256') =>
  `${method}=${createHmac(method, key).update(raw).digest('hex')}`;

describe('verifyJiraSignature', () => {
  it('accepts sha256=<hex HMAC of the raw body> in X-Hub-Signature', () => {
    const result = verifyJiraSignature({
      secret,
      rawBody: body,
      headers: { 'X-Hub-Signature': sign(body) },
    });
    expect(result).toEqual({ ok: true });
  });

  it('accepts the other WebSub methods but not sha1', () => {
    const headers = { 'x-hub-signature': sign(body, secret, 'sha512') };
    expect(verifyJiraSignature({ secret, rawBody: body, headers }).ok).toBe(true);
    const sha1 = { 'x-hub-signature': sign(body, secret, 'sha1') };
    expect(verifyJiraSignature({ secret, rawBody: body, headers: sha1 })).toMatchObject({
      reason: 'malformed_signature',
    });
  });

  it('refuses forged signatures and tampered bodies', () => {
    const forged = { 'x-hub-signature': sign(body, 'not-the-secret') };
    expect(verifyJiraSignature({ secret, rawBody: body, headers: forged })).toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
    const tampered = body.replace('"High"', '"Lowest"');
    const headers = { 'x-hub-signature': sign(body) };
    expect(verifyJiraSignature({ secret, rawBody: tampered, headers })).toMatchObject({
      reason: 'signature_mismatch',
    });
  });

  it('refuses a request without a signature', () => {
    expect(verifyJiraSignature({ secret, rawBody: body, headers: {} })).toMatchObject({
      reason: 'missing_signature',
    });
  });
});
