# syntax=docker/dockerfile:1
# Build with `docker compose build` or `docker build -t bunnybook .` (needs BuildKit, the default in current Docker).

FROM maven:3.9-eclipse-temurin-17 AS build
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
