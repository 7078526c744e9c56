package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Dockerfile, the Maven build, the processor's settings and docs/configuration.md agree
 * (see {@link ComposeChecks} for the list), checked without a Docker engine. Each broken copy below proves that
 * one check reports the mistake it is meant to catch, so an empty problem list on the real files means something.
 */
class ComposeConsistencyTest {
    /** Surefire runs tests in the module directory; the repository root is its parent. */
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
    private static ComposeChecks repo;

    @BeforeAll
    static void readRepository() throws IOException {
        repo = ComposeChecks.forRepository(ROOT);
    }

    /** Replaces {@code from} (which must occur) so a renamed line cannot turn a broken copy into a valid one. */
    private static String replace(String text, String from, String to) {
        assertThat(text).as("the text to break must contain %s", from).contains(from);
        return text.replace(from, to);
    }

    @Test
    void repositoryFilesAreConsistent() {
        assertThat(repo.check()).as("problems in docker-compose.yml / Dockerfile / docs/configuration.md").isEmpty();
    }

    @Test
    void kafkaImageTagMustEqualTheMavenKafkaVersion() throws IOException {
        String version = ComposeChecks.mavenProperty(ROOT.resolve("pom.xml"), "kafka.version");
        assertThat(repo.compose()).contains("image: apache/kafka:" + version);

        List<String> wrongTag = repo.withCompose(replace(repo.compose(), "apache/kafka:" + version, "apache/kafka:4.3.1"))
                .check();
        assertThat(wrongTag).anySatisfy(p -> assertThat(p).contains("tag 4.3.1").contains("kafka.version is " + version));

        List<String> pomMoved = repo.withKafkaVersion("9.9.9").check();
        assertThat(pomMoved).anySatisfy(p -> assertThat(p).contains("tag " + version).contains("kafka.version is 9.9.9"));
    }

    @Test
    void unknownNewsstreamVariableIsReported() {
        String broken = replace(repo.compose(), "      NEWSSTREAM_HTTP_PORT: \"8080\"\n",
                "      NEWSSTREAM_HTTP_PORT: \"8080\"\n      NEWSSTREAM_HTTP_PROT: \"8080\"\n");
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("service 'processor' sets NEWSSTREAM_HTTP_PROT")
                        .contains("no key 'http.prot'"));
    }

    @Test
    void kafkaPassThroughAndLauncherVariablesAreAccepted() {
        String withExtras = replace(repo.compose(), "      NEWSSTREAM_HTTP_PORT: \"8080\"\n",
                "      NEWSSTREAM_HTTP_PORT: \"8080\"\n      NEWSSTREAM_KAFKA_SECURITY_PROTOCOL: PLAINTEXT\n");
        assertThat(repo.withCompose(withExtras).check()).noneSatisfy(p -> assertThat(p).contains("reads no key"));
    }

    @Test
    void undocumentedVariableIsReported() {
        String doc = repo.configurationDoc().replaceAll("NEWSSTREAM_COMMIT_INTERVAL_MS", "NEWSSTREAM_COMMIT_INTERVAL");
        assertThat(repo.withConfigurationDoc(doc).check())
                .anySatisfy(p -> assertThat(p).contains("NEWSSTREAM_COMMIT_INTERVAL_MS").contains("docs/configuration.md"));

        String hostOnly = repo.configurationDoc().replaceAll("PROCESSOR_HOST_PORTS", "PROCESSOR_PORTS");
        assertThat(repo.withConfigurationDoc(hostOnly).check())
                .anySatisfy(p -> assertThat(p).contains("${PROCESSOR_HOST_PORTS}").contains("does not mention"));
    }

    @Test
    void dependsOnKafkaWithoutConditionIsReported() {
        String processorDeps = "    depends_on:\n"
                + "      kafka:\n"
                + "        condition: service_healthy\n"
                + "      topics:\n"
                + "        condition: service_completed_successfully\n"
                + "    environment:\n"
                + "      NEWSSTREAM_BOOTSTRAP_SERVERS: kafka:9092\n"
                + "      # Listen";
        String shortForm = "    depends_on:\n"
                + "      - kafka\n"
                + "      - topics\n"
                + "    environment:\n"
                + "      NEWSSTREAM_BOOTSTRAP_SERVERS: kafka:9092\n"
                + "      # Listen";
        assertThat(repo.withCompose(replace(repo.compose(), processorDeps, shortForm)).check())
                .anySatisfy(p -> assertThat(p).contains("service 'processor' depends on 'kafka'")
                        .contains("service_healthy"));

        String topicsDeps = "        condition: service_healthy\n    entrypoint: [\"sh\"";
        String startedOnly = replace(repo.compose(), topicsDeps,
                "        condition: service_started\n    entrypoint: [\"sh\"");
        assertThat(repo.withCompose(startedOnly).check())
                .anySatisfy(p -> assertThat(p).contains("service 'topics' depends on 'kafka' with condition service_started"));
    }

    @Test
    void topicsAndProcessorDisagreeingOnPartitionsIsReported() {
        String processorPartitions = "      NEWSSTREAM_COMMIT_INTERVAL_MS: ${NEWSSTREAM_COMMIT_INTERVAL_MS:-200}\n"
                + "      NEWSSTREAM_TOPIC_PARTITIONS: ${NEWSSTREAM_TOPIC_PARTITIONS:-3}\n";
        String broken = replace(repo.compose(), processorPartitions, processorPartitions.replace(":-3}", ":-6}"));
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("disagree on NEWSSTREAM_TOPIC_PARTITIONS")
                        .contains("topics=3").contains("processor=6"));
    }

    @Test
    void copyOfMissingPathIsReported() {
        String broken = replace(repo.dockerfile(), "COPY cli/src cli/src\n",
                "COPY cli/src cli/src\nCOPY cli/no-such-dir cli/no-such-dir\nCOPY nothing-*.txt /app/\n");
        List<String> problems = repo.withDockerfile(broken).check();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("source 'cli/no-such-dir' matches nothing"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("source 'nothing-*.txt' matches nothing"));
    }

    @Test
    void moduleWhosePomIsNotCopiedIsReported() {
        String broken = replace(repo.dockerfile(), "COPY benchmarks/pom.xml benchmarks/\n", "");
        assertThat(repo.withDockerfile(broken).check())
                .anySatisfy(p -> assertThat(p).contains("no COPY of benchmarks/pom.xml"));
    }

    @Test
    void copyOfPathExcludedByDockerignoreIsReported() {
        List<String> problems = repo.withDockerignore(repo.dockerignore() + "\ndocker/\n").check();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'docker/processor-entrypoint.sh'")
                .contains(".dockerignore pattern 'docker/'"));
    }

    @Test
    void processorHealthcheckOnAnotherPortIsReported() {
        String broken = replace(repo.compose(), "http://127.0.0.1:8080/health", "http://127.0.0.1:9090/health");
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("service 'processor': healthcheck").contains(":8080/health"));
    }

    @Test
    void processorPublishingAnotherContainerPortIsReported() {
        String broken = replace(repo.compose(), ":-8080-8081}:8080\"", ":-8080-8081}:8081\"");
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("publishes container port 8081"));
    }

    @Test
    void kafkaHealthcheckOnPortThatIsNoListenerIsReported() {
        String broken = replace(repo.compose(), "--bootstrap-server localhost:9092", "--bootstrap-server localhost:9999");
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("service 'kafka': healthcheck probes localhost:9999"));
    }

    @Test
    void bootstrapAddressThatIsNotAdvertisedIsReported() {
        String broken = replace(repo.compose(), "PLAINTEXT://kafka:9092,", "PLAINTEXT://broker:9092,");
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("NEWSSTREAM_BOOTSTRAP_SERVERS kafka:9092 is no advertised listener"));
    }

    @Test
    void settingsThatBreakScalingAreReported() {
        String broken = replace(repo.compose(), "      NEWSSTREAM_HTTP_PORT: \"8080\"\n",
                "      NEWSSTREAM_HTTP_PORT: \"8080\"\n      NEWSSTREAM_APPLICATION_SERVER: processor:8080\n");
        broken = replace(broken, "${PROCESSOR_HOST_PORTS:-8080-8081}:8080", "8080:8080");
        broken = replace(broken, "      - /var/lib/newsstream\n", "      - processor-state:/var/lib/newsstream\n");
        List<String> problems = repo.withCompose(broken).check();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("NEWSSTREAM_APPLICATION_SERVER is fixed"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("single host port 8080"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("named volume 'processor-state'"));
    }

    @Test
    void processorBoundToLoopbackIsReported() {
        String broken = replace(repo.compose(), "NEWSSTREAM_HTTP_HOST: 0.0.0.0", "NEWSSTREAM_HTTP_HOST: 127.0.0.1");
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("NEWSSTREAM_HTTP_HOST is 127.0.0.1"));
    }

    @Test
    void missingBuildContextAndMountAreReported() {
        String broken = replace(repo.compose(), "      context: .\n      dockerfile: Dockerfile\n    command:",
                "      context: ./no-such-context\n      dockerfile: Dockerfile\n    command:");
        broken = replace(broken, "./docker/create-topics.sh:", "./docker/no-such-script.sh:");
        List<String> problems = repo.withCompose(broken).check();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("build context ./no-such-context"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("bind-mounts ./docker/no-such-script.sh"));
    }

    @Test
    void entrypointNotCopiedIntoImageIsReported() {
        String broken = replace(repo.compose(), "/app/bin/producer-entrypoint.sh", "/app/bin/produce.sh");
        assertThat(repo.withCompose(broken).check())
                .anySatisfy(p -> assertThat(p).contains("entrypoint /app/bin/produce.sh is not copied"));
    }

    @Test
    void interpolationResolvesDefaultsLikeComposeWithNothingSet() {
        assertThat(ComposeChecks.resolve("127.0.0.1:${PORTS:-8080-8081}:8080")).isEqualTo("127.0.0.1:8080-8081:8080");
        assertThat(ComposeChecks.resolve("${JAVA_OPTS:--Xmx1g}")).isEqualTo("-Xmx1g");
        assertThat(ComposeChecks.resolve("${A}${B:?must be set}$C x")).isEqualTo(" x");
        assertThat(ComposeChecks.resolve("$$HOME")).isEqualTo("$HOME");
        assertThat(ComposeChecks.interpolatedVariables("${A:-1} $B $$C")).containsExactly("A", "B");
        assertThat(ComposeChecks.containerPort("127.0.0.1:8080-8081:8080/tcp")).isEqualTo("8080");
        assertThat(ComposeChecks.hostPort("127.0.0.1:8080-8081:8080")).isEqualTo("8080-8081");
    }
}
