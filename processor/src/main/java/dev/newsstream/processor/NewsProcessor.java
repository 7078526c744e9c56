package dev.newsstream.processor;

import dev.newsstream.events.TopicDefinitions;
import dev.newsstream.tagger.Tagger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topology: creates the topics it needs, configures Kafka Streams (exactly_once_v2 by default, a
 * state dir outside /tmp, a dying stream thread replaced), and closes cleanly. Owns its {@link KafkaStreams};
 * thread-safe to {@link #close()} from a shutdown hook.
 */
public final class NewsProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NewsProcessor.class);
    /**
     * The largest record the processor writes (producer {@code max.request.size}) and that its output and internal
     * topics accept ({@code max.message.bytes}). Kafka's 1 MiB default is the input limit too, so without headroom a
     * paragraph the broker accepted could not be written back: a dead letter adds its headers to the original
     * bytes, a tagged paragraph repeats its quotations, and the article state keeps every paragraph's statements.
     * A record that cannot be written stops the stream thread, which is replaced and fails on the same record
     * again, forever. 8 MiB covers the worst case of a maximal (200,000-character) paragraph.
     */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;
    private final ProcessorSettings settings;
    private final KafkaStreams streams;
    private final ProcessorMetrics metrics;

    public NewsProcessor(ProcessorSettings settings, Tagger tagger, ProcessorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        Topology topology = NewsTopology.build(NewsTopology.Options.from(settings), tagger, metrics);
        Properties props = streamsProperties(settings);
        props.put(DeadLetterHandlers.METRICS_CONFIG, metrics);
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(this::onThreadDeath);
    }

    /** Deaths within {@code thread.replacements.window}, oldest first (wall-clock ms). */
    private final java.util.ArrayDeque<Long> deaths = new java.util.ArrayDeque<>();
    private volatile String fatal;

    /**
     * A stream thread died (an exception no handler took: e.g. the broker refused a record, or an Error). It is
     * replaced at most {@code thread.replacements.max} times within {@code thread.replacements.window}; one more
     * death shuts the whole client down (state ERROR: {@code /health} answers 503, {@code process} exits
     * non-zero) instead of replacing threads in a loop that never moves the partition on.
     */
    private synchronized StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onThreadDeath(Throwable e) {
        long now = System.currentTimeMillis();
        deaths.addLast(now);
        while (!deaths.isEmpty() && deaths.peekFirst() < now - settings.threadReplacementWindow().toMillis()) {
            deaths.removeFirst();
        }
        if (deaths.size() > settings.threadReplacementsMax()) {
            fatal = "a stream thread died " + deaths.size() + " times within " + settings.threadReplacementWindow()
                    + " (thread.replacements.max=" + settings.threadReplacementsMax() + "); shutting the processor"
                    + " down: " + e;
            LOG.error("FATAL: {}", fatal, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        metrics.threadReplaced();
        LOG.error("a stream thread died ({} of at most {} replacements within {}); replacing it", deaths.size(),
                settings.threadReplacementsMax(), settings.threadReplacementWindow(), e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the processor shut itself down (too many thread deaths), or null while it has not. */
    public String fatalError() {
        return fatal;
    }

    /** Wall-clock time of the latest stream-thread death, or 0 (for the health check). */
    public synchronized long lastThreadDeathMs() {
        return deaths.isEmpty() ? 0 : deaths.peekLast();
    }

    static final int PRODUCER_BATCH_BYTES = 256 * 1024;

    /** Kafka Streams properties: our defaults, then the user's {@code kafka.*} pass-through settings. */
    public static Properties streamsProperties(ProcessorSettings s) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitInterval().toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) s.replicationFactor());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // anything that fails outside our own dead-lettering (a bug in an aggregate) still lands in the DLQ
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, s.topics().deadLetters());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // every failure ends in one place: written once, in the transaction of the input offset, and the
        // partition moves on (DeadLetterHandlers)
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 500);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_RECORD_BYTES);
        // Each commit flushes the producer, so batches are bounded by the commit, not by linger: 256 KB lets one
        // request carry a commit's records to a partition (16 KB, the default, split them into many). Interleaved
        // bench runs: 3,113 and 3,851 exactly-once paragraphs/s (0.63 / 0.52 ms CPU each) against 2,714 and 2,912
        // (0.73 / 0.68 ms) with the default.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        // changelog and repartition topics (created by Kafka Streams) take records as large as we write
        p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), MAX_RECORD_BYTES);
        if (s.applicationServer() != null && !s.applicationServer().isBlank()) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s.applicationServer());
        }
        p.putAll(s.kafka());
        return p;
    }

    /** Admin client properties: bootstrap and the user's security settings. */
    public static Properties adminProperties(ProcessorSettings s) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        for (Map.Entry<String, String> e : s.kafka().entrySet()) {
            if (AdminClientConfig.configNames().contains(e.getKey())) {
                p.put(e.getKey(), e.getValue());
            }
        }
        return p;
    }

    /**
     * The topics {@link #createTopics} creates when they are missing: every topic of the one topic definition
     * ({@link TopicDefinitions}, also read by the compose stack's docker/create-topics.sh) under its configured
     * name, with the settings' partitions and replication factor and the definition's configs (8 MiB
     * {@code max.message.bytes} on outputs, log-append time on outputs so old publication dates cannot make
     * retention delete fresh rows, compaction for the all-time tables).
     *
     * @throws IllegalStateException when the definition and the topic settings do not name the same topics
     */
    public static List<NewTopic> topicsToCreate(ProcessorSettings s) {
        Map<String, String> names = SettingsLoader.topicSettings(s.topics());
        TopicDefinitions definitions = TopicDefinitions.load();
        Set<String> defined = new java.util.LinkedHashSet<>();
        List<NewTopic> out = new ArrayList<>();
        for (TopicDefinitions.Definition d : definitions.all()) {
            String name = names.get(d.setting());
            if (name == null) {
                throw new IllegalStateException(TopicDefinitions.RESOURCE + " defines " + d.setting()
                        + ", which is no topic setting of the processor");
            }
            defined.add(d.setting());
            out.add(new NewTopic(name, s.partitions(), s.replicationFactor()).configs(d.configs()));
        }
        if (!defined.equals(names.keySet())) {
            throw new IllegalStateException(TopicDefinitions.RESOURCE + " lacks a definition for "
                    + names.keySet().stream().filter(k -> !defined.contains(k)).toList());
        }
        return out;
    }

    /**
     * Creates any of our topics that do not exist yet ({@link #topicsToCreate}).
     *
     * @throws IllegalStateException naming the address when the broker cannot be reached in time
     */
    public static void createTopics(ProcessorSettings s) {
        List<NewTopic> all = topicsToCreate(s);
        try (Admin admin = Admin.create(adminProperties(s))) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> wanted = all.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!wanted.isEmpty()) {
                try {
                    admin.createTopics(wanted).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            // Credentials and ACLs fail fast and are not a reachability problem: say which settings to check.
            if (e.getCause() instanceof AuthenticationException) {
                throw new IllegalStateException("Kafka at " + s.bootstrapServers() + " refused our credentials: "
                        + e.getCause().getMessage() + ". Check kafka.security.protocol, kafka.sasl.mechanism and"
                        + " kafka.sasl.jaas.config (or NEWSSTREAM_KAFKA_* variables).", e.getCause());
            }
            if (e.getCause() instanceof AuthorizationException) {
                throw new IllegalStateException("Kafka at " + s.bootstrapServers() + " denied access: "
                        + e.getCause().getMessage() + ". The processor's principal needs to describe and create its"
                        + " topics (or create them beforehand, docs/events.md).", e.getCause());
            }
            throw unreachable(s, e);
        } catch (TimeoutException e) {
            throw unreachable(s, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static IllegalStateException unreachable(ProcessorSettings s, Exception e) {
        return new IllegalStateException("cannot reach Kafka at " + s.bootstrapServers() + " to create topics: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + ". Is the broker running? Check bootstrap.servers.", e);
    }

    public void start() {
        createTopics(settings);
        streams.start();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ProcessorSettings settings() {
        return settings;
    }

    public ProcessorMetrics metrics() {
        return metrics;
    }

    /** Blocks until the application is RUNNING, or fails after the timeout. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not reach RUNNING within " + timeout
                        + " (state " + streams.state() + ")");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Closes and leaves the consumer group, so the other instances take over this one's partitions at once
     * instead of waiting out {@code session.timeout.ms} (45 s by default) with 503s for its keys.
     */
    @Override
    public void close() {
        streams.close(org.apache.kafka.streams.CloseOptions
                .groupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
