import type { FastifyInstance, FastifyReply } from 'fastify';
import helmet from 'helmet';

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

/**
 * helmet's middleware, built once: @fastify/helmet builds a new one (parsing the CSP again) on every
 * request, behind two hooks, a measurable share of a case-list request (bench/FINDINGS.md).
 * The same helmet options give the same headers, set on the raw response as that plugin does.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const setHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    // The desk loads nothing cross-origin; a strict COEP would only break attachment previews later.
    crossOriginEmbedderPolicy: false,
    // Behind a TLS-terminating load balancer HSTS is still right for browsers; plain-HTTP clients ignore it.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: true },
  });
  fastify.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
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
