import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/fixtures.js';
import { verifyZendeskSignature } from './signature.js';

const secret = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const body = fixture('zendesk', 'ticket-created.json');
const timestamp = '2026-11-02T09:00:01Z';
const now = Date.parse('2026-11-02T09:01:00Z');

function sign(ts: string, raw: string, key = secret): string {
  return createHmac('sha256', key)
    .update(ts + raw)
    .digest('base64');
}

function headers(signature: string, ts = timestamp) {
  return {
    'x-zendesk-webhook-signature': signature,
    'x-zendesk-webhook-signature-timestamp': ts,
  };
}

describe('verifyZendeskSignature', () => {
  it('accepts a request signed over timestamp + body', () => {
    const result = verifyZendeskSignature({
      secret,
      rawBody: body,
      headers: headers(sign(timestamp, body)),
      now,
    });
    expect(result).toEqual({ ok: true });
  });

  it('reads the headers from a Fetch Headers object and the body from bytes', () => {
    const h = new Headers(headers(sign(timestamp, body)));
    const result = verifyZendeskSignature({ secret, rawBody: Buffer.from(body), headers: h, now });
    expect(result.ok).toBe(true);
  });

  it('accepts any secret of a rotation list', () => {
    const result = verifyZendeskSignature({
      secret: ['old-secret', secret],
      rawBody: body,
      headers: headers(sign(timestamp, body)),
      now,
    });
    expect(result.ok).toBe(true);
  });

  it('refuses a signature made with another secret (forged)', () => {
    const result = verifyZendeskSignature({
      secret,
      rawBody: body,
      headers: headers(sign(timestamp, body, 'attacker')),
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses a tampered body', () => {
    const tampered = body.replace('"HIGH"', '"LOW"');
    const result = verifyZendeskSignature({
      secret,
      rawBody: tampered,
      headers: headers(sign(timestamp, body)),
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses a moved timestamp: the timestamp is part of what is signed', () => {
    const moved = '2026-11-02T09:00:30Z';
    const result = verifyZendeskSignature({
      secret,
      rawBody: body,
      headers: headers(sign(timestamp, body), moved),
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses a correctly signed but stale request (replay)', () => {
    const old = '2026-11-02T08:50:00Z';
    const result = verifyZendeskSignature({
      secret,
      rawBody: body,
      headers: headers(sign(old, body), old),
      now,
      toleranceSeconds: 300,
    });
    expect(result).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('refuses timestamps from the future beyond the window too', () => {
    const ahead = '2026-11-02T09:30:00Z';
    const result = verifyZendeskSignature({
      secret,
      rawBody: body,
      headers: headers(sign(ahead, body), ahead),
      now,
    });
    expect(result).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('names what is missing or malformed', () => {
    const sig = sign(timestamp, body);
    expect(verifyZendeskSignature({ secret, rawBody: body, headers: {}, now })).toMatchObject({
      reason: 'missing_signature',
    });
    expect(
      verifyZendeskSignature({
        secret,
        rawBody: body,
        headers: { 'X-Zendesk-Webhook-Signature': sig },
        now,
      }),
    ).toMatchObject({ reason: 'missing_timestamp' });
    expect(
      verifyZendeskSignature({ secret, rawBody: body, headers: headers(sig, 'yesterday'), now }),
    ).toMatchObject({ reason: 'malformed_timestamp' });
    expect(
      verifyZendeskSignature({ secret: '', rawBody: body, headers: headers(sig), now }),
    ).toMatchObject({ reason: 'no_secret' });
  });

  it('refuses a signature of another length without throwing', () => {
    const result = verifyZendeskSignature({ secret, rawBody: body, headers: headers('abc'), now });
    expect(result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });
});

describe('a signature timestamp without an offset', () => {
  const bare = '2026-11-02T09:00:01';
  const check = (at: number) =>
    verifyZendeskSignature({
      secret,
      rawBody: body,
      headers: headers(sign(bare, body), bare),
      now: at,
    });

  it('is read as UTC, whatever the server time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        // The zone is really in effect: a wall time without offset shifts under Date.parse.
        if (tz !== 'UTC') expect(Date.parse(bare), tz).not.toBe(Date.parse(`${bare}Z`));
        expect(check(now), tz).toEqual({ ok: true });
        expect(check(now + 9 * 3_600_000), tz).toMatchObject({
          ok: false,
          reason: 'stale_timestamp',
        });
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('keeps fractions and offsets it is given, and refuses what is not a time', () => {
    for (const ts of [
      '2026-11-02T09:00:01.123456789Z',
      '2026-11-02T10:00:01+01:00',
      '2026-11-02T10:00:01+0100',
    ])
      expect(
        verifyZendeskSignature({
          secret,
          rawBody: body,
          headers: headers(sign(ts, body), ts),
          now,
        }),
        ts,
      ).toEqual({ ok: true });
    for (const ts of ['2026-11-02T25:00:01', '2026-02-30T09:00:01', 'yesterday'])
      expect(
        verifyZendeskSignature({
          secret,
          rawBody: body,
          headers: headers(sign(ts, body), ts),
          now,
        }),
        ts,
      ).toMatchObject({ reason: 'malformed_timestamp' });
  });
});
