import type { FastifyRequest } from 'fastify';
import type { Principal } from './roles';

/**
 * A signed-in browser (the web desk's session cookie) as an alternative to the API key. Provided by
 * src/desk; the guard asks it only when a request carries no Authorization header. Returns null when
 * the request has no session at all, and throws a DomainError when it has a bad one (expired,
 * revoked, a write without the CSRF token).
 */
export abstract class SessionAuthenticator {
  abstract authenticate(request: FastifyRequest): Promise<Principal | null>;
}
