import { Twilio } from 'twilio';
import { AppConfig } from '../config/app-config';
import { RoutedRequestClient } from './twilio-http';

/** What a REST client needs: the account, a credential, and (tests, proxies) where *.twilio.com really is. */
export type TwilioAccess = Pick<AppConfig, 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_API_KEY' | 'TWILIO_API_SECRET' | 'TWILIO_API_BASE_URL'>;

/** REST credentials: the API key when configured (Twilio's advice), else the account's auth token. */
export function twilioCredentials(config: TwilioAccess): { username: string; password: string } {
  if (config.TWILIO_API_KEY && config.TWILIO_API_SECRET) return { username: config.TWILIO_API_KEY, password: config.TWILIO_API_SECRET };
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) return { username: config.TWILIO_ACCOUNT_SID, password: config.TWILIO_AUTH_TOKEN };
  throw new Error('Twilio is not configured: set TWILIO_ACCOUNT_SID with TWILIO_API_KEY/TWILIO_API_SECRET or TWILIO_AUTH_TOKEN');
}

/** The HTTP client under twilio-node; 429s are retried by the library with backoff before an error reaches us. */
export function createTwilioHttpClient(config: TwilioAccess): RoutedRequestClient {
  return new RoutedRequestClient(config.TWILIO_API_BASE_URL, { autoRetry: true, maxRetries: 3, timeout: 15_000 });
}

export function createTwilioClient(config: TwilioAccess, httpClient: RoutedRequestClient = createTwilioHttpClient(config)): Twilio {
  const { username, password } = twilioCredentials(config);
  return new Twilio(username, password, { accountSid: config.TWILIO_ACCOUNT_SID, httpClient });
}
