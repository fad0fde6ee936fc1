import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { ApiKeysService } from './api-keys.service';
import { RateLimiter } from './rate-limiter';
import { hasRole, Principal, PUBLIC_KEY, Role, ROLE_KEY } from './roles';
import { SessionAuthenticator } from './session-authenticator';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

class RateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 429, `Too many requests for this API key; retry in ${retryAfterSeconds} s`);
  }
}

/** Every HTTP route needs an API key (or a desk session) with at least its role, unless it is @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly limiter: RateLimiter,
    @Optional() private readonly sessions?: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    const wait = this.limiter.take(principal.keyId);
    if (wait > 0) throw new RateLimited(wait);
    const required = this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? Role.VIEWER;
    if (!hasRole(principal.role, required)) {
      throw DomainError.forbidden(`This needs the ${required.toLowerCase()} role; your key "${principal.name}" is ${principal.role.toLowerCase()}`);
    }
    request.principal = principal;
    return true;
  }

  /** The Authorization header when there is one; else the desk's session cookie. */
  private async authenticate(request: FastifyRequest): Promise<Principal> {
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
