# syntax=docker/dockerfile:1
# Build with `docker compose build` or `docker build -t bunnybook .` (needs BuildKit, the default in current Docker).

# The web UI is built by the Maven build with Node and npm (web/pom.xml), which the Maven image lacks: they come from
# the official Node image, whose binaries run on the Maven image's glibc.
FROM node:20-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version
WORKDIR /src
# Whole source tree (see .dockerignore); the cache mount keeps downloaded dependencies and the wrapper's Maven
# between builds, which is what makes rebuilds fast.
COPY . .
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system bunnybook && useradd --system --gid bunnybook --no-create-home --home-dir /app bunnybook
WORKDIR /app
COPY --from=build /src/web/target/bunnybook-exec.jar /app/bunnybook.jar
USER bunnybook
EXPOSE 8080 8081
ENTRYPOINT ["java","-Daxoniq.update-checker.disabled=true","-jar","/app/bunnybook.jar"]
