# syntax=docker/dockerfile:1
# poolwatch container image: compile with the full toolchain, then run only the compiled code and runtime dependencies on distroless Node 20.
#
# Base images are pinned by digest (a tag can move under you); refresh a pin with
#   docker buildx imagetools inspect gcr.io/distroless/nodejs20-debian12 --format '{{json .Manifest.Digest}}'
# Multi-arch: docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/poolwatch:VERSION --push .
# The build stage runs on the builder's own platform: what it makes is plain JavaScript, the same for every architecture.
ARG BUILD_IMAGE=node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0
ARG RUN_IMAGE=gcr.io/distroless/nodejs20-debian12@sha256:8d4c80b44d6f77faa85e175590655d3888510faaed8502615e214db80dc2a3a9

FROM --platform=$BUILDPLATFORM ${BUILD_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` build needs the sources, copied next (esbuild runs from its platform package without its install script).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Distroless: Node and its libraries only, no shell or package manager to exploit, about a third of node:20-slim.
FROM ${RUN_IMAGE}
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="poolwatch" \
      org.opencontainers.image.description="Exact monitoring of MetalLB IP address pools: usage, pending-service reasons, forecasts, metrics and tested alerts" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="gcr.io/distroless/nodejs20-debian12"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
# distroless's `nonroot` user; nothing is written at run time, so the root filesystem can be read-only with no volume.
USER 65532:65532
EXPOSE 9742
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/poolwatch.js"]
CMD ["serve", "--source", "kube", "--listen", ":9742"]
