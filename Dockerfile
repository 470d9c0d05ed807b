# kepu in a container: `docker build -t kepu .` then, in a site's folder,
# `docker run --rm -v "$PWD":/site kepu build` (or `check`, `new …`).
# The final image holds only the binary and the default theme.

FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
# No .git in the build context: pass the commit for `kepu --version`.
ARG KEPU_GIT_COMMIT=unknown
ENV KEPU_GIT_COMMIT=${KEPU_GIT_COMMIT}
# NASM assembles libjpeg-turbo's SIMD code, which photos are coded with.
RUN apt-get update && apt-get install -y --no-install-recommends nasm && rm -rf /var/lib/apt/lists/*
RUN cargo build --locked --profile dist

FROM debian:bookworm-slim
COPY --from=build /src/target/dist/kepu /usr/local/bin/kepu
# The theme is built into the binary; this copy is for `themes/default` overrides
# and for reading.
COPY --from=build /src/themes/default /usr/share/kepu/themes/default
COPY --from=build /src/LICENSE /usr/share/kepu/LICENSE
WORKDIR /site
ENTRYPOINT ["kepu"]
CMD ["build"]
