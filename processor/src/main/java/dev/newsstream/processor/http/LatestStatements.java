package dev.newsstream.processor.http;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.StatementEvent;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.processor.ProcessorSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed behind {@code /api/statements/latest}: the last {@code capacity} statements, newest first.
 *
 * <p>Why a consumer and not the stores: the tables keep aggregates, and each row only its one latest statement, so
 * "the last 50 statements" is not in any store. {@link #subscribe} therefore starts a small consumer of its own on
 * {@code news.tagged-paragraphs}: {@code read_committed} (only statements the processor committed, as the tables),
 * no consumer group (it assigns every partition and commits nothing, so it never joins or disturbs the Streams
 * group), starting {@code capacity} records before the end of each partition so a fresh dashboard is not empty.
 * Every instance reads the whole topic, so each answers the same feed and no routing is needed. Partitions added to
 * the topic after start are not followed (restart the instance). A record that is not a valid
 * {@code TaggedParagraphEvent} is skipped (the processor wrote it; its dead letters are elsewhere).
 *
 * <p>The buffer is bounded (memory stays O(capacity)); the order is arrival order across partitions, which for a
 * live feed is "newest first" closely enough. Thread-safe: one consumer thread adds, HTTP threads read.
 */
public final class LatestStatements implements AutoCloseable {
    public static final int DEFAULT_CAPACITY = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LatestStatements.class);
    private static final JsonSerde<TaggedParagraphEvent> SERDE = new JsonSerde<>(TaggedParagraphEvent.class,
            TaggedParagraphEvent.SCHEMA_VERSION);

    private final int capacity;
    private final ArrayDeque<FeedItem> items; // newest first; guarded by this
    private volatile boolean closed;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** A buffer fed with {@link #add}; nothing runs in the background. */
    public LatestStatements(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the feed capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    /** A buffer fed by a background consumer of the settings' tagged-paragraphs topic; {@link #close()} stops it. */
    public static LatestStatements subscribe(ProcessorSettings settings, int capacity) {
        LatestStatements feed = new LatestStatements(capacity);
        feed.consumer = new KafkaConsumer<>(consumerProperties(settings), new StringDeserializer(), new ByteArrayDeserializer());
        String topic = settings.topics().taggedParagraphs();
        feed.thread = new Thread(() -> feed.run(topic), "newsstream-feed-" + topic);
        feed.thread.setDaemon(true);
        feed.thread.start();
        return feed;
    }

    static Properties consumerProperties(ProcessorSettings s) {
        Properties p = new Properties();
        // the user's security and tuning settings first, so ours (which the feed depends on) win
        for (Map.Entry<String, String> e : s.kafka().entrySet()) {
            if (ConsumerConfig.configNames().contains(e.getKey())) {
                p.put(e.getKey(), e.getValue());
            }
        }
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the port keeps client ids (and their JMX names) apart when several instances share a JVM, as in tests
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, s.applicationId() + "-dashboard-feed-" + s.httpPort());
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    private void run(String topic) {
        try {
            List<TopicPartition> partitions = awaitPartitions(topic);
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long end = consumer.position(tp);
                consumer.seek(tp, Math.max(beginnings.getOrDefault(tp, 0L), end - capacity));
            }
            while (!closed) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    try {
                        add(SERDE.deserialize(r.topic(), r.value()));
                    } catch (RuntimeException e) {
                        LOG.warn("feed: skipping record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException | InterruptException e) {
            // close() woke us: fall through to close the consumer
        } catch (RuntimeException e) {
            LOG.error("the statements feed stopped; /api/statements/latest will not change until restart", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** The topic is created by the processor at start; the API may come up first, so wait for it. */
    private List<TopicPartition> awaitPartitions(String topic) {
        while (!closed) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> out = new ArrayList<>();
                infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
                return out;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    /** Adds a tagged paragraph's statements (in text order, so the last one in the paragraph is the newest). */
    public synchronized void add(TaggedParagraphEvent e) {
        if (e == null) {
            return;
        }
        for (StatementEvent s : e.statements()) {
            items.addFirst(new FeedItem(e.articleId(), e.seq(), e.title(), e.url(), e.source(), e.publishedAt(),
                    s.text(), s.speaker(), s.side(), s.stance(), s.sentiment() == null ? null : s.sentiment().compound(),
                    s.direct(), s.evidence()));
            if (items.size() > capacity) {
                items.removeLast();
            }
        }
    }

    /** At most {@code limit} statements, newest first. */
    public synchronized List<FeedItem> latest(int limit) {
        List<FeedItem> out = new ArrayList<>(Math.min(limit, items.size()));
        Iterator<FeedItem> it = items.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    public int capacity() {
        return capacity;
    }

    /** Stops the background consumer, if any, and waits briefly for it; the buffer stays readable. */
    @Override
    public void close() {
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
