package dev.newsstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test starts its own broker: these tests stop, restart and secure brokers, which a shared one must not see. */
class EmbeddedKafkaBrokerIT {

    @Test
    void transactionsWorkAndReadCommittedHidesAbortedRecords() throws Exception {
        Path logDir;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
            logDir = kafka.logDir();
            assertThat(kafka.bootstrapServers()).as("port 0 by default: a free port, resolved once")
                    .isEqualTo("127.0.0.1:" + kafka.port()).doesNotEndWith(":0");
            assertThat(logDir).isDirectory();
            kafka.createTopics(Map.of("tx-out", 3));

            Map<String, Object> config = kafka.clientConfig();
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-it");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            try (KafkaProducer<String, String> producer = TestClients.producer(config)) {
                // Needs the transaction state log on one replica: the settings exactly_once_v2 relies on.
                producer.initTransactions();
                producer.beginTransaction();
                IntStream.range(0, 10).forEach(i -> producer.send(new ProducerRecord<>("tx-out", "k" + i, "committed-" + i)));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx-out", "k", "aborted"));
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx-out", "k", "last"));
                producer.commitTransaction();
            }

            List<String> committed = TestClients.readValuesUntil(kafka.clientConfig(), "read_committed", "tx-out",
                    values -> values.size() >= 11);
            assertThat(committed).hasSize(11).contains("last").doesNotContain("aborted");

            List<String> uncommitted = TestClients.readValuesUntil(kafka.clientConfig(), "read_uncommitted", "tx-out",
                    values -> values.size() >= 12);
            assertThat(uncommitted).contains("aborted");
        }
        assertThat(logDir).as("temporary log dir is deleted on close").doesNotExist();
    }

    @Test
    void restartKeepsDataPortAndLogDir(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka-data");
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().logDir(logDir).start();
        try (kafka) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(Map.of("bounce", 1));
            try (KafkaProducer<String, String> producer = TestClients.producer(kafka.clientConfig())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("bounce", "k", "before-" + i)).get(30, TimeUnit.SECONDS);
                }
            }

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(logDir.resolve("meta.properties")).exists();

            kafka.restart();
            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            try (KafkaProducer<String, String> producer = TestClients.producer(kafka.clientConfig())) {
                producer.send(new ProducerRecord<>("bounce", "k", "after")).get(30, TimeUnit.SECONDS);
            }
            List<String> values = TestClients.readValuesUntil(kafka.clientConfig(), "read_committed", "bounce",
                    read -> read.contains("after"));
            assertThat(values).containsExactly("before-0", "before-1", "before-2", "before-3", "before-4", "after");
        }
        kafka.close(); // a second close is a no-op
        assertThat(logDir).as("a given log dir is kept on close").exists();
        assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void saslPlainAcceptsTheRightPasswordAndRejectsAWrongOneQuickly() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder()
                .saslPlain(Map.of("alice", "alice-secret", "bob", "bob \"quoted\" secret"))
                .start()) {
            kafka.createTopics(Map.of("secured", 1));
            Map<String, Object> bob = kafka.clientConfig("bob", "bob \"quoted\" secret");
            try (KafkaProducer<String, String> producer = TestClients.producer(bob)) {
                producer.send(new ProducerRecord<>("secured", "k", "hello")).get(30, TimeUnit.SECONDS);
            }
            assertThat(TestClients.readValuesUntil(kafka.clientConfig(), "read_committed", "secured",
                    values -> !values.isEmpty())).containsExactly("hello");

            Map<String, Object> wrong = kafka.clientConfig("alice", "not-her-password");
            try (Admin admin = Admin.create(wrong)) {
                // A bounded wait: an authentication failure must surface as such, not as a timeout.
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            Map<String, Object> wrongProducer = new HashMap<>(wrong);
            try (KafkaProducer<String, String> producer = TestClients.producer(wrongProducer)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secured", "k", "x")).get(30, TimeUnit.SECONDS))
                        .satisfies(e -> assertThat(causalChain(e)).hasAtLeastOneElementOfType(SaslAuthenticationException.class));
            }
        }
    }

    @Test
    void aTakenPortIsReportedWithTheWayOut() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(port).start())
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("port(0)");
        }
    }

    @Test
    void aFatalBrokerFaultFailsStartInsteadOfHaltingTheJvm() throws IOException {
        // Kafka halts the process when a listener cannot bind; force that with a controller port that is taken.
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int controllerPort = taken.getLocalPort();
            EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                    .brokerProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort)
                    .brokerProperty("listeners", "PLAINTEXT://127.0.0.1:" + freePort() + ",CONTROLLER://127.0.0.1:" + controllerPort);
            assertThatThrownBy(builder::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("failed to start");
        }
        // Reaching this line at all is the point: the test JVM is still alive.
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static List<Throwable> causalChain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

}
