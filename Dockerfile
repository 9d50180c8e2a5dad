# syntax=docker/dockerfile:1
# One image for the three Baobab processes; the command picks one: cms | mobi | chat.
#   docker build -t baobab .
#   docker run --env-file deploy/.env baobab cms
# The build stage runs `npm run build:dist` (scripts/build-dist.ts), the same script that
# builds and measures dist/app where no container engine runs; the runtime stage is that
# folder on node:20-slim. Keep the two in step.

ARG NODE_IMAGE=node:20-bookworm

# ---- build: every dependency, the builds, then the runtime folder ----
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# npm 11, as in development (TOOLCHAIN.md).
RUN npm install -g npm@11
ENV NEXT_TELEMETRY_DISABLED=1 STRAPI_TELEMETRY_DISABLED=true
WORKDIR /src
# Manifests first: the install layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY packages/channels/package.json packages/channels/
COPY packages/kit/package.json packages/kit/
COPY packages/plugin-api/package.json packages/plugin-api/
COPY packages/testkit/package.json packages/testkit/
COPY packages/theme-api/package.json packages/theme-api/
COPY locales/package.json locales/
COPY cms/package.json cms/
COPY frontends/chat/package.json frontends/chat/
COPY frontends/mobi/package.json frontends/mobi/
COPY themes/base/package.json themes/base/
COPY themes/pulse/package.json themes/pulse/
COPY themes/sunrise/package.json themes/sunrise/
COPY plugins/polls/package.json plugins/polls/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# CMS server (esbuild) and admin panel (Vite), mobi `next build`, then dist/app:
# sources, builds, `npm ci --omit=dev`, pruned (scripts/dist-prune.ts: build tools, CLIs, the
# admin's browser libraries, Next's untraced files; it reads this stage's .next traces and
# next's bundled tracer, so it runs here, not in the runtime stage), measured (printed in the log).
RUN --mount=type=cache,target=/root/.npm npm run build:dist

# ---- runtime: production dependencies only, admin and mobi built in, non-root ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    STRAPI_TELEMETRY_DISABLED=true \
    HOST=0.0.0.0 \
    BAOBAB_DATA_DIR=/data
WORKDIR /app
# Owned by root, read-only to the process: only /data and Next's cache folder are writable
# (tsx keeps its compile cache in /tmp).
COPY --from=build /src/dist/app /app
RUN mkdir -p /data /app/frontends/mobi/.next/cache \
 && chown node:node /data /app/frontends/mobi/.next/cache
USER node
VOLUME ["/data"]
# Public ports (cms, mobi, chat) and metrics ports (METRICS_PORT: 9464, 9465, 9466).
EXPOSE 1337 3000 3100 9464 9465 9466
ENTRYPOINT ["/app/baobab"]
CMD ["cms"]
