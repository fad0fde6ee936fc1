import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { validateRequest, validateRequestWithBody } from 'twilio';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Only Twilio may call the webhooks: X-Twilio-Signature must be the HMAC of PUBLIC_URL + path and
 * the form parameters under TWILIO_AUTH_TOKEN (twilio-node's own check). Form parameters are the
 * only body the signature covers, so any other body is refused: a JSON body is accepted only
 * with its `bodySHA256` in the signed URL, checked by validateRequestWithBody against the raw
 * bytes (Twilio's webhook security page). Runs before the handler: nothing unsigned is stored.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { rawBody?: Buffer }>();
    const signature = request.headers['x-twilio-signature'];
    const token = this.config.TWILIO_AUTH_TOKEN;
    if (typeof signature !== 'string' || !signature || !token) {
      throw new DomainError('invalid_twilio_signature', 403, 'This endpoint only accepts requests signed by Twilio (X-Twilio-Signature)');
    }
    const url = `${(this.config.PUBLIC_URL ?? '').replace(/\/$/, '')}${request.url}`;
    const type = request.headers['content-type'] ?? '';
    let valid: boolean;
    if (FORM.test(type)) {
      valid = validateRequest(token, signature, url, (request.body ?? {}) as Record<string, unknown>);
    } else if (JSON_TYPE.test(type) && new URLSearchParams(request.url.split('?')[1] ?? '').has('bodySHA256') && request.rawBody) {
      valid = validateRequestWithBody(token, signature, url, request.rawBody.toString('utf8'));
    } else {
      throw new DomainError('unsupported_media_type', 415, 'Twilio webhooks are application/x-www-form-urlencoded (JSON only with a signed bodySHA256)');
    }
    if (!valid) {
      throw new DomainError('invalid_twilio_signature', 403, `The X-Twilio-Signature does not match this request (signed URL must be ${url})`);
    }
    return true;
  }
}
