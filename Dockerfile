# syntax=docker/dockerfile:1
# Build: compile TypeScript and build better-sqlite3 from source (needs python3, make, g++).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.build.json ./
# `npm ci` bundles the CLI ("prepare"), so the sources and the bundler script come first.
COPY scripts ./scripts
COPY src ./src
RUN npm ci
# The CLI bundle's knowledge snapshot and code cache are made from data/ and prompts/ (build:cli).
COPY data ./data
COPY prompts ./prompts
RUN npm run build && npm prune --omit=dev

# Run: the compiled bot, production dependencies, knowledge data and prompts; as a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/var/lib/ratelimit-triage/ratelimit-triage.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
COPY prompts ./prompts
# The data folder belongs to the user the bot runs as. A host folder mounted over it must be
# writable by uid 1000 too (`chown 1000:1000 <folder>`): otherwise the bot stops at start with
# "DATABASE_PATH=…: no permission to create or write in …" and exit code 2.
RUN mkdir -p /var/lib/ratelimit-triage && chown node:node /var/lib/ratelimit-triage
USER node
VOLUME ["/var/lib/ratelimit-triage"]
EXPOSE 3000
# Healthy when the data folder is writable (SQLite) and, when a platform runs, GET /healthz answers 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/src/healthcheck.js"]
# With DISCORD_TOKEN and/or SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET set it runs those platforms;
# without them it runs the local console (use `docker run -it`).
CMD ["node", "dist/src/main.js"]
