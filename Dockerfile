# dtu: all four twins in one image.  Build: docker build -t dtu .   Run: docker run -p 7010-7013:7010-7013 -v dtu-data:/data dtu
# Stage 1 compiles and packs the package exactly as npm would ship it; stage 2 installs that tarball with production
# dependencies only, so the image holds no compiler, no dev dependencies and no TypeScript sources.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY twins ./twins
COPY sdk-compat ./sdk-compat
COPY fixtures ./fixtures
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp && mv /tmp/digital-twin-universe-*.tgz /tmp/dtu.tgz

FROM node:20-bookworm-slim
ENV NODE_ENV=production DTU_URLS_FILE=/tmp/dtu-urls.json
COPY --from=build /tmp/dtu.tgz /tmp/dtu.tgz
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/dtu.tgz && rm /tmp/dtu.tgz && npm cache clean --force \
 && mkdir -p /data && chown node:node /data
USER node
WORKDIR /home/node
# Tenant state persists here (lowdb files, flushed on every change and on SIGTERM).
VOLUME ["/data"]
EXPOSE 7010 7011 7012 7013
# `dtu start` writes the URLs of the twins it started to $DTU_URLS_FILE; `dtu health` probes each of them.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=3 CMD ["dtu", "health"]
ENTRYPOINT ["dtu"]
CMD ["start", "--host", "0.0.0.0", "--data-dir", "/data"]
