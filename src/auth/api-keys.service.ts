import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { Clock } from '../common/clock';
import { PrismaService } from '../database/prisma.service';
import { Role } from '../generated/prisma/enums';
import { Principal } from './roles';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** lastUsedAt is informational: writing it at most once a minute per key keeps reads write-free. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const VIEW = { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  /** Creates a key and returns its secret, which is never stored nor shown again. */
  async create(name: string, role: Role, secret = `bk_${randomBytes(32).toString('base64url')}`): Promise<{ key: string; apiKey: ApiKeyView }> {
    const taken = () => DomainError.conflict('api_key_name_taken', `An API key named "${name}" already exists`);
    if (await this.prisma.apiKey.findUnique({ where: { name }, select: { id: true } })) throw taken();
    try {
      const apiKey = await this.prisma.apiKey.create({
        data: { name, role, prefix: secret.slice(0, 10), hash: sha256(secret) },
        select: VIEW,
      });
      return { key: secret, apiKey };
    } catch (error) {
      // Two requests creating the same name at once: the unique index decides.
      if ((error as { code?: string }).code === 'P2002') throw taken();
      throw error;
    }
  }

  list(): Promise<ApiKeyView[]> {
    return this.prisma.apiKey.findMany({ select: VIEW, orderBy: { createdAt: 'asc' } });
  }

  async revoke(idOrName: string): Promise<ApiKeyView> {
    // Only a well-formed uuid may be compared with the uuid column (anything else fails in Postgres);
    // a name may itself look like a uuid, so both are tried then.
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
    const key = await this.prisma.apiKey.findFirst({
      where: isUuid ? { OR: [{ id: idOrName }, { name: idOrName }] } : { name: idOrName },
      select: { id: true, revokedAt: true },
    });
    if (!key) throw DomainError.notFound(`API key "${idOrName}"`);
    // Revoking twice keeps the first revocation time.
    return this.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: key.revokedAt ?? this.clock.now() }, select: VIEW });
  }

  /** The principal behind a bearer token, or null for an unknown or revoked key. */
  async verify(token: string): Promise<Principal | null> {
    const key = await this.prisma.apiKey.findUnique({ where: { hash: sha256(token) }, select: { id: true, name: true, role: true, revokedAt: true } });
    if (!key || key.revokedAt) return null;
    const now = this.clock.now().getTime();
    if (now - (this.lastUsedWritten.get(key.id) ?? 0) >= LAST_USED_RESOLUTION_MS) {
      this.lastUsedWritten.set(key.id, now);
      this.prisma.apiKey
        .update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } })
        .catch((error: unknown) => this.logger.warn(`Could not record lastUsedAt for key ${key.name}: ${String(error)}`));
    }
    return { keyId: key.id, name: key.name, role: key.role };
  }

  /** BOOTSTRAP_API_KEY: a first lead key with a value chosen by the operator, only while there is no key at all. */
  async bootstrap(secret: string | undefined): Promise<void> {
    if (!secret) return;
    if ((await this.prisma.apiKey.count()) > 0) return;
    try {
      await this.create('bootstrap', Role.LEAD, secret);
    } catch (error) {
      // Another instance booting at the same moment created it first.
      if (error instanceof DomainError && error.code === 'api_key_name_taken') return;
      throw error;
    }
    this.logger.log('Created the "bootstrap" lead API key from BOOTSTRAP_API_KEY');
  }
}
