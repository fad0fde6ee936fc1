import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { validateRequest } from 'twilio';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';

/**
 * Only Twilio may call the webhooks: X-Twilio-Signature must be the HMAC of PUBLIC_URL + path and
 * the form parameters under TWILIO_AUTH_TOKEN (twilio-node's own check). Runs before the handler,
 * so nothing from an unsigned request is stored.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const signature = request.headers['x-twilio-signature'];
    const token = this.config.TWILIO_AUTH_TOKEN;
    if (typeof signature !== 'string' || !signature || !token) {
      throw new DomainError('invalid_twilio_signature', 403, 'This endpoint only accepts requests signed by Twilio (X-Twilio-Signature)');
    }
    const url = `${(this.config.PUBLIC_URL ?? '').replace(/\/$/, '')}${request.url}`;
    const params = isForm(request) && request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    if (!validateRequest(token, signature, url, params)) {
      throw new DomainError('invalid_twilio_signature', 403, `The X-Twilio-Signature does not match this request (signed URL must be ${url})`);
    }
    return true;
  }
}

const isForm = (request: FastifyRequest) => /^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '');
