import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Security headers on every response (helmet). The CSP is what the Swagger UI at /docs needs: its
 * page loads its own script and style files plus one inline <style>, and the validator badge is off.
 * The web desk's static controller replaces it with its own stricter policy.
 */
export const API_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    // The desk loads nothing cross-origin; a strict COEP would only break attachment previews later.
    crossOriginEmbedderPolicy: false,
    // Behind a TLS-terminating load balancer HSTS is still right for browsers; plain-HTTP clients ignore it.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: true },
  });
}

/** The few headers an error answered before any hook ran (a malformed URL) still carries. */
export function baseSecurityHeaders(reply: FastifyReply): void {
  if (reply.hasHeader('x-content-type-options') || reply.raw.hasHeader('x-content-type-options')) return;
  void reply
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'SAMEORIGIN')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
}
