# One image for both processes: api (default CMD) and worker (docker-compose.yml overrides the command).

# ---- build: full dependency tree, compile TypeScript, then drop dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Lockfile first so the `npm ci` layer is cached until dependencies change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Emits dist/apps/<app>/src/main.js (tsc rootDir is the repo root); tsc-alias rewrites @motcua/* imports.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime: production dependencies and compiled output only, as a non-root user
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay root-owned (read-only to the app); the process runs as the image's `node` user.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Holiday/working-day calendars are read at run time.
COPY --from=build /app/config ./config
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
