# Production image: compiles the TypeScript, then keeps only what runs (no embedded Postgres, no
# TypeScript, no Prisma CLI or Studio, no dev dependencies), as a non-root user with one CLI:
#   docker compose exec app bridge apikey create --name me --person "Your Name" --role lead
# scripts/ci/check-production-tree builds this same tree without Docker and tests it.
ARG NODE_VERSION=26
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# the web desk's source: npm ci's postinstall and npm run build bundle it into dist/desk
COPY desk ./desk
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json .swcrc ./
COPY src ./src
COPY flex ./flex
RUN npm ci --no-audit --no-fund && npm run build && node scripts/prune-production.js .

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 LOG_FORMAT=json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY prisma ./prisma
COPY kb ./kb
RUN ln -s /app/dist/src/cli/main.js /usr/local/bin/bridge
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
