import { parse, serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

// The desk's cookies. The session cookie is HttpOnly and SameSite=Strict (the desk and the API
// share one origin), Secure when the service is reached over https (PUBLIC_URL).
export const SESSION_COOKIE = 'desk_session';
export const OAUTH_STATE_COOKIE = 'desk_oauth_state';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  return header ? parse(header)[name] : undefined;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
  /** Strict for the session; Lax for the OAuth state, which must come back on Discord's redirect. */
  sameSite?: 'strict' | 'lax';
  path?: string;
}

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const cookie = serialize(name, value, {
    httpOnly: true,
    secure: options.secure,
    sameSite: options.sameSite ?? 'strict',
    path: options.path ?? '/',
    maxAge: options.maxAgeSeconds,
  });
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  void reply.header('set-cookie', [...list, cookie]);
}

export function clearCookie(reply: FastifyReply, name: string, secure: boolean, path = '/'): void {
  setCookie(reply, name, '', { secure, maxAgeSeconds: 0, path });
}

export const isSecure = (publicUrl: string | undefined) => publicUrl?.startsWith('https:') ?? false;
