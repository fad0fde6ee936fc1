// Prisma CLI configuration. The connection URL is only needed by `prisma migrate deploy`
// (the stock CLI, where its native engine can be downloaded); the app builds its own connection.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
