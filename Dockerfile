# radgate: gateway in front of NVIDIA Triton Inference Server.
#   docker build -t radgate:0.1.0-SNAPSHOT .
#   docker run -p 8080:8080 -p 8081:8081 -e RADGATE_TRITON_TARGETS=triton:8001 radgate:0.1.0-SNAPSHOT
#
# Both stages install through scripts/setup.sh, the same steps CI and README's commands run
# (one copy). Debian 12, as on CI: PixelMed comes from Debian's libpixelmed-java, dcmtk from
# Debian. RUN steps use paths relative to WORKDIR so that scripts/dockerfile-stages.py can run
# each stage's steps on a machine without Docker (DockerfileStagesIT does, in CI).

# ---- build ---------------------------------------------------------------------------
FROM debian:12 AS build
WORKDIR /build

# JDK 17, Maven, zip/unzip, PixelMed (apt) installed into the local Maven repository.
COPY scripts/ scripts/
RUN scripts/setup.sh build

# Dependency warm-up in its own layer: rebuilt only when pom.xml or proto/ change. Best
# effort: whatever it misses, `package` below downloads.
COPY pom.xml ./
COPY proto/ proto/
RUN mvn -B -q dependency:go-offline generate-sources \
    || echo "dependency warm-up incomplete; package will download the rest"

COPY src/ src/
RUN mvn -B -q -DskipTests package && cp target/radgate-*-all.jar radgate.jar

# ---- runtime -------------------------------------------------------------------------
FROM debian:12-slim AS runtime

WORKDIR /app
# A JRE 17, curl (HEALTHCHECK) and dcmtk: radgate decodes JPEG-LS and 12-bit JPEG in a dcmtk
# child process, so an image without it answers 415 for those transfer syntaxes.
COPY scripts/setup.sh scripts/setup.sh
RUN scripts/setup.sh runtime && rm -rf scripts

# Fixed numeric uid/gid so Kubernetes runAsNonRoot can verify it without a name lookup.
# Idempotent, so that the stage's steps also run on a machine that has the user already.
RUN getent group radgate >/dev/null || groupadd --gid 10001 radgate; \
    id -u radgate >/dev/null 2>&1 || useradd --uid 10001 --gid radgate --no-create-home --shell /usr/sbin/nologin radgate

# Only the shaded jar; it stays root-owned and read-only for the radgate user.
COPY --from=build /build/radgate.jar radgate.jar

# The invocations gateway's embedded job store (jobs.path): the one directory radgate writes.
# Mount a volume here, or jobs answered "sent" do not survive the container.
RUN mkdir -p jobs && chown 10001:10001 jobs
ENV RADGATE_JOBS_PATH=/app/jobs
VOLUME /app/jobs

USER 10001:10001

# 8080: health (/health/live, /health/ready), metrics, KServe v2 REST. 8081: KServe v2 gRPC.
# 8900 Arterys, 6324 MD.ai, 8000 CT-CLIP, 5001 MedImageParse, 8090 invocations.
EXPOSE 8080 8081 8900 6324 8000 5001 8090

# Liveness only: readiness depends on Triton, and an unhealthy mark would not help here
# (Docker does not restart on it). Shell form so RADGATE_HTTP_PORT is honoured.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${RADGATE_HTTP_PORT:-8080}/health/live" || exit 1

# Exec form: java is PID 1 and receives SIGTERM itself, so radgate's shutdown hook drains
# in-flight requests for RADGATE_SHUTDOWN_GRACE_MS. Logs: JSON lines on stdout.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/radgate.jar"]
