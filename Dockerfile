# radgate: gateway in front of NVIDIA Triton Inference Server.
#   docker build -t radgate:0.1.0-SNAPSHOT .
#   docker run -p 8080:8080 -p 8081:8081 -e RADGATE_TRITON_TARGETS=triton:8001 radgate:0.1.0-SNAPSHOT

# ---- build ---------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Future: PixelMed is not on Maven Central. When the pom needs it, install it here first, e.g.
#   RUN apt-get update && apt-get install -y --no-install-recommends libpixelmed-java \
#    && mvn -B install:install-file -Dfile=/usr/share/java/pixelmed.jar \
#         -DgroupId=com.pixelmed -DartifactId=pixelmed -Dversion=<ver> -Dpackaging=jar

# Dependency warm-up in its own layer: it is rebuilt only when pom.xml or proto/ change, not
# on every source edit. generate-sources also fetches protoc and the grpc-java plugin and
# compiles the protos (it needs no src/). Best effort: whatever it misses, `package`
# below downloads, so a warm-up failure must not fail the build.
COPY pom.xml ./
COPY proto/ proto/
RUN mvn -B -q dependency:go-offline generate-sources \
    || echo "dependency warm-up incomplete; package will download the rest"

COPY src/ src/
RUN mvn -B -DskipTests package \
    && cp target/radgate-*-all.jar /build/radgate.jar

# ---- runtime -------------------------------------------------------------------------
# Ubuntu-based JRE. The 17 images install curl and wget (adoptium/containers keeps them
# "for historical reasons"; the 25 images dropped them), so HEALTHCHECK below can use curl.
FROM eclipse-temurin:17-jre

# Fixed numeric uid/gid so Kubernetes runAsNonRoot can verify it without a name lookup.
RUN groupadd --gid 10001 radgate \
    && useradd --uid 10001 --gid radgate --no-create-home --shell /usr/sbin/nologin radgate

WORKDIR /app
# Only the shaded jar; it stays root-owned and read-only for the radgate user.
COPY --from=build /build/radgate.jar /app/radgate.jar

USER 10001:10001

# 8080: health (/health/live, /health/ready), metrics, KServe v2 REST. 8081: KServe v2 gRPC.
# 8900 Arterys, 6324 MD.ai, 8000 CT-CLIP, 5001 MedImageParse. (8090 invocations: not built yet.)
EXPOSE 8080 8081 8900 6324 8000 5001

# Liveness only: readiness depends on Triton, and an unhealthy mark would not help here
# (Docker does not restart on it). Shell form so RADGATE_HTTP_PORT is honoured.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${RADGATE_HTTP_PORT:-8080}/health/live" || exit 1

# Exec form: java is PID 1 and receives SIGTERM itself, so radgate's shutdown hook drains
# in-flight requests for RADGATE_SHUTDOWN_GRACE_MS. Logs: JSON lines on stdout.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/radgate.jar"]
