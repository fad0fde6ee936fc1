import { SetMetadata } from '@nestjs/common';
import { Role } from '../generated/prisma/enums';

export { Role };

/** Roles are ranked: a lead can do what an agent can, an agent what a viewer can. */
const RANK: Record<Role, number> = { VIEWER: 0, AGENT: 1, LEAD: 2 };
export const hasRole = (actual: Role, required: Role) => RANK[actual] >= RANK[required];

export const ROLE_KEY = 'minimumRole';
export const PUBLIC_KEY = 'publicRoute';

/** The least role a route needs; routes without it need any valid key. */
export const MinimumRole = (role: Role) => SetMetadata(ROLE_KEY, role);
/**
 * Routes with their own authentication (health, docs, signed webhooks). On a controller it marks its
 * methods too: Fastify sees only a method's metadata, and the onRequest authentication reads it there.
 */
export const Public = (): ClassDecorator & MethodDecorator => (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
  if (descriptor) {
    SetMetadata(PUBLIC_KEY, true)(target, key!, descriptor);
    return;
  }
  SetMetadata(PUBLIC_KEY, true)(target as new () => unknown);
  const prototype = (target as { prototype: object }).prototype;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
    if (name !== 'constructor' && typeof method === 'function') Reflect.defineMetadata(PUBLIC_KEY, true, method);
  }
};

export interface Principal {
  keyId: string;
  /** The key's own name: for audit trails and key management, never shown to players. */
  name: string;
  role: Role;
  personId: string;
  /** Who players see ("Mia from Support"). */
  displayName: string;
}
