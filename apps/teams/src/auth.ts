import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { connectorHttpClient } from './http-client.js';

/** The app registration: empty `appId` runs without authentication (local use only). */
export interface BotRegistration {
  readonly appId: string;
  readonly password: string;
  readonly tenantId: string;
  readonly type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

/**
 * The Bot Framework adapter: with an app id, every incoming request must carry a valid token
 * from the Bot Connector (or it is refused with 401); without one, requests are trusted and
 * outgoing calls unsigned, which only suits local development and tests.
 */
export function createAdapter(registration: BotRegistration): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: registration.appId,
      MicrosoftAppPassword: registration.password,
      MicrosoftAppTenantId: registration.tenantId,
      MicrosoftAppType: registration.type,
    },
    undefined,
    undefined,
    undefined,
    // Throttling and 5xx reach our delivery lanes instead of being slept on inside the SDK.
    { httpClient: connectorHttpClient() } as never,
  );
  return new CloudAdapter(auth);
}
