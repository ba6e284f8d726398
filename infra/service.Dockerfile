# One image per Snapforge service: docker build -f infra/service.Dockerfile --build-arg APP=<app> .
# The build stage compiles the whole workspace once with swc (as `npm run build` does); the runtime
# stage keeps production dependencies and dist/ only.
FROM node:20-bookworm-slim AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
RUN node tools/build/build.mjs && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ARG APP
RUN test -n "$APP" || (echo 'build with --build-arg APP=<one of apps/>' >&2; exit 1)
ENV NODE_ENV=production APP=${APP}
WORKDIR /srv/snapforge
# package.json says "type": "module", which the compiled ESM in dist/ needs.
COPY --from=build /workspace/package.json ./
COPY --from=build /workspace/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${APP} ./dist/apps/${APP}
COPY --from=build /workspace/dist/libs ./dist/libs
USER node
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/$APP/src/main.js"]
