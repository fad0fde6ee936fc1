import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { getExpectedTwilioSignature } from 'twilio';

export interface WebhookDelivery {
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  status: number;
  body: string;
}

/** How a webhook reaches the app: real HTTP by default, or e.g. Fastify inject for an app that does not listen. */
export type WebhookTransport = (request: { url: string; headers: Record<string, string>; body: string }) => Promise<{ status: number; body: string }>;

export const httpTransport: WebhookTransport = ({ url, headers, body }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });

export interface SignOptions {
  /** Sign with another token (a forged request), or send this exact signature. */
  signWith?: string;
  signature?: string;
  /** Leave the X-Twilio-Signature header out. */
  unsigned?: boolean;
}

/**
 * Posts form parameters as Twilio does: application/x-www-form-urlencoded, with X-Twilio-Signature
 * computed by twilio-node's own helper over the exact URL posted to.
 */
export async function deliverSigned(
  transport: WebhookTransport,
  authToken: string,
  url: string,
  params: Record<string, string>,
  options: SignOptions = {},
): Promise<WebhookDelivery> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    'user-agent': 'TwilioProxy/1.1',
    'i-twilio-idempotency-token': `${params.EventType ?? 'studio'}-${params.MessageSid ?? params.ParticipantSid ?? params.ConversationSid ?? ''}`,
  };
  if (!options.unsigned) {
    headers['x-twilio-signature'] = options.signature ?? getExpectedTwilioSignature(options.signWith ?? authToken, url, params);
  }
  const body = new URLSearchParams(params).toString();
  const response = await transport({ url, headers, body });
  return { url, params, headers, status: response.status, body: response.body };
}
