# poolwatch container image: build the web page with the dev tools, then ship only runtime dependencies on Node 22 slim.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/src ./src
COPY --from=build /app/dist ./dist
# The `node` user (uid 1000) of the official image; the Deployment also runs with a read-only root filesystem.
USER 1000:1000
EXPOSE 9742
ENTRYPOINT ["node", "/app/bin/poolwatch.js"]
CMD ["serve", "--source", "kube", "--listen", ":9742"]
