import { RESTEvents, type REST } from 'discord.js';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { BridgeMetrics } from './bridge-metrics';

/**
 * Discord calls counted from discord.js' REST events: every response (429s and 5xx are retried by
 * the library, so they also count as retries) and every time a bucket held a call back.
 */
export function countDiscordCalls(rest: REST, metrics: BridgeMetrics): void {
  rest.on(RESTEvents.Response, (_request, response) => {
    metrics.externalResponse('discord', response.status);
    if (response.status === 429 || response.status >= 500) metrics.externalRetries.inc({ service: 'discord' });
  });
  rest.on(RESTEvents.RateLimited, () => metrics.externalRateLimits.inc({ service: 'discord' }));
}

/**
 * Twilio calls counted on twilio-node's axios instance. Its 429 back-off interceptor runs first and
 * re-sends through the same chain, so this sees the final response of each attempt chain once, with
 * config.retryCount telling how many 429s came before it.
 */
export function countTwilioCalls(axios: AxiosInstance, metrics: BridgeMetrics): void {
  const seen = new WeakSet<object>();
  const count = (response: AxiosResponse) => {
    if (seen.has(response)) return response;
    seen.add(response);
    const retries = (response.config as { retryCount?: number }).retryCount ?? 0;
    for (let i = 0; i < retries; i++) {
      metrics.externalResponse('twilio', 429);
      metrics.externalRetries.inc({ service: 'twilio' });
      metrics.externalRateLimits.inc({ service: 'twilio' });
    }
    metrics.externalResponse('twilio', response.status);
    return response;
  };
  axios.interceptors.response.use(count, (error: { response?: AxiosResponse }) => {
    if (error?.response) count(error.response);
    else metrics.externalResponse('twilio', undefined);
    return Promise.reject(error);
  });
}
