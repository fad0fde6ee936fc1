import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { RequestAuthenticator } from './request-authenticator';
import { hasRole, Principal, PUBLIC_KEY, Role, ROLE_KEY } from './roles';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * Every HTTP route needs an API key (or a desk session) with at least its role, unless it is @Public().
 * The onRequest hook (authentication-hook.ts) has already authenticated the caller; this checks the
 * role. A route the hook did not see (none is known) is authenticated here, so nothing goes unchecked.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal ?? (await this.authenticator.authenticate(request, context.switchToHttp().getResponse<FastifyReply>()));
    const required = this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? Role.VIEWER;
    if (!hasRole(principal.role, required)) {
      throw DomainError.forbidden(`This needs the ${required.toLowerCase()} role; your key "${principal.name}" is ${principal.role.toLowerCase()}`);
    }
    request.principal = principal;
    return true;
  }
}
