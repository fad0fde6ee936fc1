import { PATH_METADATA } from '@nestjs/common/constants';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { AuthenticatedRequest } from './api-key.guard';
import type { RequestAuthenticator } from './request-authenticator';
import { PUBLIC_KEY } from './roles';

/** Set in the route config of every controller route that is not @Public(). */
const AUTHENTICATED = 'authenticated';

/**
 * Authentication before the body is parsed: Fastify runs onRequest hooks before it reads a body, so
 * a caller without a valid key gets 401/429 without the service reading, buffering or validating
 * what they send. Nest copies a handler method's metadata onto the function it gives Fastify, so the
 * onRoute hook can tell its routes (a path) and the public ones (@Public, see roles.ts) apart; routes
 * Fastify serves itself (docs, redirects) carry neither. The guard then only checks the role.
 * Must be called before the application's routes are registered (app.init).
 */
export function markAuthenticatedRoutes(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const handler = route.handler as object;
    if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(PUBLIC_KEY, handler) === true) return;
    route.config = { ...(route.config as object), [AUTHENTICATED]: true };
  });
}

/** The onRequest hook itself; add it after the security headers' hook so refusals carry them too. */
export function authenticateBeforeBody(fastify: FastifyInstance, authenticator: RequestAuthenticator): void {
  fastify.addHook('onRequest', async (request: AuthenticatedRequest, reply) => {
    if ((request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[AUTHENTICATED] !== true) return;
    request.principal = await authenticator.authenticate(request, reply);
  });
}
