import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/fixtures.js';
import { verifyGitHubSignature } from './signature.js';

const secret = "It's a Secret to Everybody";
const body = fixture('github', 'issues-opened.json');
const sign = (raw: string, key = secret) =>
  `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;

describe('verifyGitHubSignature', () => {
  it('matches the example in GitHub documentation', () => {
    // "Validating webhook deliveries": this secret and payload give this signature.
    const result = verifyGitHubSignature({
      secret,
      rawBody: 'Hello, World!',
      headers: {
        'X-Hub-Signature-256':
          'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      },
    });
    expect(result).toEqual({ ok: true });
  });

  it('accepts the signature of the raw body', () => {
    const headers = { 'x-hub-signature-256': sign(body) };
    expect(verifyGitHubSignature({ secret, rawBody: Buffer.from(body), headers }).ok).toBe(true);
  });

  it('refuses forged signatures and tampered bodies', () => {
    const forged = { 'x-hub-signature-256': sign(body, 'guess') };
    expect(verifyGitHubSignature({ secret, rawBody: body, headers: forged })).toMatchObject({
      reason: 'signature_mismatch',
    });
    const tampered = body.replace('chris-customer', 'mallory');
    const headers = { 'x-hub-signature-256': sign(body) };
    expect(verifyGitHubSignature({ secret, rawBody: tampered, headers })).toMatchObject({
      reason: 'signature_mismatch',
    });
  });

  it('refuses missing, legacy and malformed signatures', () => {
    expect(verifyGitHubSignature({ secret, rawBody: body, headers: {} })).toMatchObject({
      reason: 'missing_signature',
    });
    const sha1 = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
    expect(
      verifyGitHubSignature({ secret, rawBody: body, headers: { 'X-Hub-Signature': sha1 } }),
    ).toMatchObject({ reason: 'missing_signature' });
    expect(
      verifyGitHubSignature({ secret, rawBody: body, headers: { 'X-Hub-Signature-256': sha1 } }),
    ).toMatchObject({ reason: 'malformed_signature' });
  });

  it('never verifies with an empty secret', () => {
    const headers = { 'x-hub-signature-256': sign(body, '') };
    expect(verifyGitHubSignature({ secret: '', rawBody: body, headers })).toMatchObject({
      reason: 'no_secret',
    });
  });
});
