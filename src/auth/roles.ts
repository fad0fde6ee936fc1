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
/** Routes with their own authentication (health, docs, signed webhooks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface Principal {
  keyId: string;
  /** The key's own name: for audit trails and key management, never shown to players. */
  name: string;
  role: Role;
  personId: string;
  /** Who players see ("Mia from Support"). */
  displayName: string;
}
