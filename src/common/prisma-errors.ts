/** Prisma's error for a unique constraint violation: the row is already there (a redelivery, a race). */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === 'P2002';
