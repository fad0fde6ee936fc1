import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiKeysService } from '../auth/api-keys.service';
import { Principal } from '../auth/roles';
import { SessionAuthenticator } from '../auth/session-authenticator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { Role } from '../generated/prisma/enums';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './session-cookie';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionView {
  name: string;
  role: Role;
  via: 'key' | 'discord';
  csrfToken: string;
  expiresAt: Date;
}

export interface NewSession {
  token: string;
  view: SessionView;
}

const signInAgain = (why: string) => new DomainError('session_expired', 401, `${why}; sign in again`);

/**
 * Desk sign-ins, stored server-side: the cookie carries a random token, the row its SHA-256. A
 * session made from an API key follows the key (its role, its revocation); one from Discord is an
 * agent under the member's server name.
 */
@Injectable()
export class SessionsService extends SessionAuthenticator {
  constructor(
    private readonly prisma: PrismaService,
    private readonly keys: ApiKeysService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    super();
  }

  get lifetimeSeconds(): number {
    return this.config.DESK_SESSION_HOURS * 3600;
  }

  async signInWithKey(secret: string): Promise<NewSession> {
    const principal = await this.keys.verify(secret);
    if (!principal) throw DomainError.unauthorized('This API key is unknown or revoked');
    return this.create({ apiKeyId: principal.keyId, displayName: principal.displayName, role: principal.role }, 'key');
  }

  signInWithDiscord(member: { discordUserId: string; displayName: string }): Promise<NewSession> {
    return this.create({ discordUserId: member.discordUserId, displayName: member.displayName.slice(0, 100), role: Role.AGENT }, 'discord');
  }

  private async create(data: { apiKeyId?: string; discordUserId?: string; displayName: string; role: Role }, via: SessionView['via']): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.lifetimeSeconds * 1000);
    await this.prisma.session.create({ data: { ...data, tokenHash: sha256(token), csrfToken, expiresAt } });
    // Housekeeping on the way: old rows go (an indexed delete, cheap at sign-in rates).
    void this.prune().catch(() => undefined);
    return { token, view: { name: data.displayName, role: data.role, via, csrfToken, expiresAt } };
  }

  /** The live session behind a cookie token, or an error saying why it is not valid any more. */
  async current(token: string): Promise<SessionView & { id: string; keyId: string; personId: string }> {
    const row = await this.prisma.session.findUnique({
      where: { tokenHash: sha256(token) },
      include: { apiKey: { select: { id: true, name: true, role: true, revokedAt: true, personId: true } } },
    });
    if (!row || row.endedAt) throw signInAgain('You are signed out');
    if (row.expiresAt <= this.clock.now()) throw signInAgain('Your session has expired');
    if (row.apiKeyId && (!row.apiKey || row.apiKey.revokedAt)) throw signInAgain('The API key of this session was revoked');
    return {
      id: row.id,
      keyId: row.apiKeyId ?? `session:${row.id}`,
      personId: row.apiKey?.personId ?? `discord:${row.discordUserId}`,
      name: row.displayName,
      role: row.apiKey?.role ?? row.role,
      via: row.discordUserId ? 'discord' : 'key',
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
    };
  }

  async end(token: string): Promise<void> {
    await this.prisma.session.updateMany({ where: { tokenHash: sha256(token), endedAt: null }, data: { endedAt: this.clock.now() } });
  }

  /** For the API guard: a cookie works like the key; a write also needs the session's CSRF token. */
  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const token = readCookie(request, SESSION_COOKIE);
    if (!token) return null;
    const session = await this.current(token);
    if (!SAFE_METHODS.has(request.method.toUpperCase())) {
      const sent = request.headers[CSRF_HEADER];
      const given = Buffer.from(typeof sent === 'string' ? sent : '');
      const expected = Buffer.from(session.csrfToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new DomainError('csrf_token_missing', 403, `Writes made with the desk's session cookie need its ${CSRF_HEADER} header`);
      }
    }
    return { keyId: session.keyId, name: session.name, role: session.role, personId: session.personId, displayName: session.name };
  }

  /** Drops sessions that ended or expired more than a day ago (they are kept a while for the record). */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - 24 * 3600 * 1000);
    const { count } = await this.prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } });
    return count;
  }
}
