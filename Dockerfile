# dtu: all four twins in one image. Build: docker build -t dtu .  Run: docker run -p 7010-7013:7010-7013 dtu
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY twins ./twins
COPY sdk-compat ./sdk-compat
RUN npx tsc -p tsconfig.build.json

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY twins ./twins
COPY fixtures ./fixtures
EXPOSE 7010 7011 7012 7013
HEALTHCHECK --interval=5s --timeout=2s CMD node -e "fetch('http://127.0.0.1:7010/_dtu/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/dtu.js"]
CMD ["start", "--host", "0.0.0.0"]
