# syntax=docker/dockerfile:1

# --- build: compile and package the application jar ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /workspace
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY dmn dmn
COPY forms forms
RUN mvn -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/ticketsmith-*.jar extract --layers --launcher --destination target/extracted

# --- run: a JRE, the jar's layers (dependencies change least, so they come first), a non-root user ---
FROM eclipse-temurin:17-jre
RUN groupadd --system ticketsmith && useradd --system --gid ticketsmith --home /app ticketsmith \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /workspace/target/extracted/dependencies/ ./
COPY --from=build /workspace/target/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/target/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/target/extracted/application/ ./
# The models ship with the image; mount the folders over these to keep them live (see docker-compose.yml).
COPY --chown=ticketsmith:ticketsmith processes /app/models/processes
COPY --chown=ticketsmith:ticketsmith dmn /app/models/dmn
COPY --chown=ticketsmith:ticketsmith forms /app/models/forms
USER ticketsmith
ENV TICKETSMITH_MODELS_DIR=/app/models \
    SPRING_PROFILES_ACTIVE=postgres \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "org.springframework.boot.loader.launch.JarLauncher"]
