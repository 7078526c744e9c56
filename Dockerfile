# NewsStream image: one image for every subcommand (process, produce, demo, tag, sentiment, bench).
#   docker build -t newsstream .
#   docker run --rm newsstream --help
# docker-compose.yml builds it for the processor and producer services; docs/docker.md explains the stack.
# The COPY sources, EXPOSE port and HEALTHCHECK are checked against the repository and docker-compose.yml by
# cli/src/test/java/dev/newsstream/cli/ComposeConsistencyTest.java (no Docker engine needed).

############################ build ############################
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# PREBUILT=true takes the CLI jar and its lib/ from docker/prebuilt/ (a `mvn package` on the host, put there by
# ci/compose-smoke.sh) instead of running Maven here: for machines whose containers cannot reach Maven Central.
# Everything after this stage is the same either way. Default: build here.
ARG PREBUILT=false

# 1) Only the poms, so this dependency layer is rebuilt only when a pom changes. Packaging the pom-only
#    skeleton resolves every plugin and (test-)dependency of the cli and the modules it needs, which
#    dependency:go-offline cannot do here because it tries to download our own sibling modules.
COPY pom.xml ./
COPY events/pom.xml events/
COPY tagger/pom.xml tagger/
COPY embedded-kafka/pom.xml embedded-kafka/
COPY producer/pom.xml producer/
COPY processor/pom.xml processor/
COPY cli/pom.xml cli/
COPY benchmarks/pom.xml benchmarks/
RUN if [ "$PREBUILT" != true ]; then mvn -B -q -DskipTests package -pl cli -am; fi

# 2) The sources, then the real build (tests run in CI, not in the image build).
COPY events/src events/src
COPY tagger/src tagger/src
COPY embedded-kafka/src embedded-kafka/src
COPY producer/src producer/src
COPY processor/src processor/src
COPY cli/src cli/src
COPY docker/prebuilt/ prebuilt/
RUN mkdir -p /out \
 && if [ "$PREBUILT" = true ]; then \
      { test -f prebuilt/newsstream.jar && test -d prebuilt/lib; } \
        || { echo "PREBUILT=true but docker/prebuilt/ lacks newsstream.jar and lib/ (see docs/docker.md)" >&2; exit 1; }; \
      cp prebuilt/newsstream.jar /out/newsstream.jar && cp -r prebuilt/lib /out/lib; \
    else \
      mvn -B -q -DskipTests package -pl cli -am \
      && jar="$(find cli/target -maxdepth 1 -name 'newsstream-cli*.jar' ! -name '*-sources.jar' ! -name '*-tests.jar' | head -n 1)" \
      && test -n "$jar" \
      && cp "$jar" /out/newsstream.jar \
      && cp -r cli/target/lib /out/lib; \
    fi

############################ runtime ############################
FROM eclipse-temurin:17-jre

# curl only for the HEALTHCHECK: the temurin JRE image does not promise curl or wget, and a JVM per check is slow.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 newsstream \
 && useradd --system --uid 10001 --gid newsstream --create-home --home-dir /home/newsstream \
      --shell /usr/sbin/nologin newsstream \
 && mkdir -p /app /var/lib/newsstream \
 && chown newsstream:newsstream /var/lib/newsstream

WORKDIR /app
COPY --from=build /out/ /app/
# The sample articles only: samples/ also holds their hand labels (*.labels.jsonl), which are not articles, and
# the producer service publishes this whole directory (docker-compose.yml, NEWSSTREAM_PRODUCER_INPUT).
COPY samples/*.txt samples/README.md /app/samples/
# Plain COPY (no --chmod): the scripts are executable in git, and the classic builder (Compose v1) has no --chmod.
COPY docker/processor-entrypoint.sh docker/producer-entrypoint.sh /app/bin/

# Containers listen on all interfaces and keep Kafka Streams state in the volume below (see docs/configuration.md).
# NEWSSTREAM_HOME is where the CLI finds the bundled samples (newsstream demo, bench).
ENV NEWSSTREAM_HOME=/app \
    NEWSSTREAM_HTTP_HOST=0.0.0.0 \
    NEWSSTREAM_HTTP_PORT=8080 \
    NEWSSTREAM_STATE_DIR=/var/lib/newsstream \
    NEWSSTREAM_PRODUCER_INPUT=/app/samples \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"

USER newsstream
VOLUME ["/var/lib/newsstream"]
EXPOSE 8080

# /health answers 200 once the processor is RUNNING; services that are not the processor disable this check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD curl -fsS "http://127.0.0.1:${NEWSSTREAM_HTTP_PORT:-8080}/health" >/dev/null || exit 1

# The entrypoint derives NEWSSTREAM_APPLICATION_SERVER from the container's address, then runs
#   java $JAVA_OPTS -cp /app/newsstream.jar:/app/lib/* dev.newsstream.cli.Main "$@"
ENTRYPOINT ["/app/bin/processor-entrypoint.sh"]
CMD ["process"]
