import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/prisma-errors';
import { isUuid } from '../common/uuid';
import { PrismaService } from '../database/prisma.service';
import { Role } from '../generated/prisma/enums';
import { Principal } from './roles';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** lastUsedAt is informational: writing it at most once a minute per key keeps reads write-free. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** Who players see behind the BOOTSTRAP_API_KEY. */
export const BOOTSTRAP_PERSON = 'Support team';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  person: { id: string; displayName: string };
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const VIEW = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  person: { select: { id: true, displayName: true } },
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export interface NewApiKey {
  name: string;
  role: Role;
  /** The person players see; an existing person of that name (any case) gets the new key. */
  displayName: string;
  secret?: string;
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  /** Creates a key and returns its secret, which is never stored nor shown again. */
  async create(input: NewApiKey): Promise<{ key: string; apiKey: ApiKeyView }> {
    const { name, role, displayName } = input;
    const secret = input.secret ?? `bk_${randomBytes(32).toString('base64url')}`;
    const taken = () => DomainError.conflict('api_key_name_taken', `An API key named "${name}" already exists (names are compared ignoring case)`);
    if (await this.findByName(name)) throw taken();
    try {
      const apiKey = await this.prisma.$transaction(async (tx) => {
        const [person] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Person" WHERE lower("displayName") = lower(${displayName}) LIMIT 1`;
        return tx.apiKey.create({
          data: {
            name,
            role,
            prefix: secret.slice(0, 10),
            hash: sha256(secret),
            person: person ? { connect: { id: person.id } } : { create: { displayName } },
          },
          select: VIEW,
        });
      });
      return { key: secret, apiKey };
    } catch (error) {
      // Two requests creating the same name (or person) at once: the unique indexes decide.
      if (isUniqueViolation(error) || /lower_key/.test(String((error as Error).message))) throw taken();
      throw error;
    }
  }

  list(): Promise<ApiKeyView[]> {
    return this.prisma.apiKey.findMany({ select: VIEW, orderBy: { createdAt: 'asc' } });
  }

  /** Revokes a key; the last active lead key is kept, or nobody could manage keys any more. */
  async revoke(idOrName: string): Promise<ApiKeyView> {
    // Only a well-formed uuid may be compared with the uuid column; a name may itself look like one.
    const key = (isUuid(idOrName) ? await this.prisma.apiKey.findUnique({ where: { id: idOrName }, select: { id: true } }) : null) ?? (await this.findByName(idOrName));
    if (!key) throw DomainError.notFound(`API key "${idOrName}"`);
    return this.prisma.$transaction(async (tx) => {
      // One revocation at a time, so two leads revoking each other's keys cannot both succeed.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('api_key_revoke'))`;
      const current = await tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { role: true, revokedAt: true } });
      if (current.revokedAt) return tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: VIEW }); // keeps the first time
      if (current.role === Role.LEAD) {
        const otherLeads = await tx.apiKey.count({ where: { role: Role.LEAD, revokedAt: null, id: { not: key.id } } });
        if (otherLeads === 0) {
          throw DomainError.conflict('last_lead_key', 'This is the last active lead key: create another lead key first, or nobody could manage keys any more');
        }
      }
      return tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: this.clock.now() }, select: VIEW });
    });
  }

  /** The principal behind a bearer token, or null for an unknown or revoked key. */
  async verify(token: string): Promise<Principal | null> {
    const key = await this.prisma.apiKey.findUnique({
      where: { hash: sha256(token) },
      select: { id: true, name: true, role: true, revokedAt: true, person: { select: { id: true, displayName: true } } },
    });
    if (!key || key.revokedAt) return null;
    const now = this.clock.now().getTime();
    if (now - (this.lastUsedWritten.get(key.id) ?? 0) >= LAST_USED_RESOLUTION_MS) {
      this.lastUsedWritten.set(key.id, now);
      this.prisma.apiKey
        .update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } })
        .catch((error: unknown) => this.logger.warn(`Could not record lastUsedAt for key ${key.name}: ${String(error)}`));
    }
    return { keyId: key.id, name: key.name, role: key.role, personId: key.person.id, displayName: key.person.displayName };
  }

  /** BOOTSTRAP_API_KEY: a first lead key with a value chosen by the operator, only while there is no key at all. */
  async bootstrap(secret: string | undefined): Promise<void> {
    if (!secret) return;
    if ((await this.prisma.apiKey.count()) > 0) return;
    try {
      await this.create({ name: 'bootstrap', role: Role.LEAD, displayName: BOOTSTRAP_PERSON, secret });
    } catch (error) {
      // Another instance booting at the same moment created it first.
      if (error instanceof DomainError && error.code === 'api_key_name_taken') return;
      throw error;
    }
    this.logger.log('Created the "bootstrap" lead API key from BOOTSTRAP_API_KEY');
  }

  private async findByName(name: string): Promise<{ id: string } | null> {
    const [row] = await this.prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ApiKey" WHERE lower("name") = lower(${name}) LIMIT 1`;
    return row ?? null;
  }
}
