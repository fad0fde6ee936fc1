import { Injectable, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { ApiKeysService } from './api-keys.service';
import { RateLimiter } from './rate-limiter';
import type { Principal } from './roles';
import { SessionAuthenticator } from './session-authenticator';

/**
 * Who is calling, and whether they may call now: the API key (or the desk session), the failed-auth
 * limit per address and the per-key limit, with the RateLimit-* headers on the reply. Runs in
 * Fastify's onRequest hook (src/auth/authentication-hook.ts), before any body is read.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly limiter: RateLimiter,
    @Optional() private readonly sessions?: SessionAuthenticator,
  ) {}

  async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    // A flood without valid keys is refused by address before it costs key lookups (src/auth/rate-limiter.ts).
    this.limiter.checkAddress(request.ip);
    const principal = await this.identify(request).catch(async (error: unknown) => {
      if (error instanceof DomainError && error.status === 401) await this.limiter.failedAuth(request.ip);
      throw error;
    });
    void reply.headers({ ...(await this.limiter.take(principal.keyId)) });
    return principal;
  }

  /** The Authorization header when there is one; else the desk's session cookie (CSRF checked there). */
  private async identify(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header === undefined) {
      const fromSession = await this.sessions?.authenticate(request);
      if (fromSession) return fromSession;
    }
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw DomainError.unauthorized();
    const principal = await this.keys.verify(match[1]);
    if (!principal) throw DomainError.unauthorized('This API key is unknown or revoked');
    return principal;
  }
}
