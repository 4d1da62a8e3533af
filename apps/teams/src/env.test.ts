import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('readEnv', () => {
  it('runs without an app id only when local development is switched on explicitly', () => {
    expect(() => readEnv({})).toThrow(
      /MICROSOFT_APP_ID: required .*set TEAMS_ALLOW_UNAUTHENTICATED=1 instead/,
    );
    expect(() => readEnv({ TEAMS_ALLOW_UNAUTHENTICATED: '0' })).toThrow(/MICROSOFT_APP_ID/);
    expect(readEnv({ TEAMS_ALLOW_UNAUTHENTICATED: '1' })).toMatchObject({
      MICROSOFT_APP_ID: '',
      TEAMS_ALLOW_UNAUTHENTICATED: true,
      PORT: 3978,
      TEAMS_MANAGERS: [],
    });
    expect(() =>
      readEnv({
        MICROSOFT_APP_ID: 'a',
        MICROSOFT_APP_PASSWORD: 'p',
        TEAMS_ALLOW_UNAUTHENTICATED: '1',
      }),
    ).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED: set with MICROSOFT_APP_ID/);
    expect(() => readEnv({ TEAMS_ALLOW_UNAUTHENTICATED: 'yes' })).toThrow(
      /TEAMS_ALLOW_UNAUTHENTICATED/,
    );
  });

  it('names every problem of a production registration', () => {
    expect(() =>
      readEnv({
        MICROSOFT_APP_ID: 'abc',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        TEAMS_MANAGERS: 'a,b',
      }),
    ).toThrow(/MICROSOFT_APP_PASSWORD: required[\s\S]*MICROSOFT_APP_TENANT_ID: required/);
    expect(() => readEnv({ PORT: 'x', MICROSOFT_APP_TYPE: 'Weird' })).toThrow(
      /PORT[\s\S]*MICROSOFT_APP_TYPE/,
    );
  });
});
