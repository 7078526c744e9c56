package dev.newsstream.cli;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.StatementEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.events.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Follows the processor's output like any user would: a plain read_committed consumer over
 * {@code news.tagged-paragraphs}, {@code news.dead-letters} and {@code news.side-sentiment} from the beginning.
 * Keeps the latest side rows and the statement counts per side seen in the tagged paragraphs, so the demo can
 * tell when the tables have caught up with the input. Not thread-safe: one thread polls it.
 */
final class TableWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final JsonSerde<TaggedParagraphEvent> taggedSerde = JsonSerde.of(TaggedParagraphEvent.class);
    private final JsonSerde<TableRow> rowSerde = JsonSerde.of(TableRow.class);
    private final Map<String, TableRow> sides = new TreeMap<>();
    /** Final rows of closed windows, by side and window start. */
    private final Map<String, TableRow> hourly = new TreeMap<>();
    private final Map<String, TableRow> daily = new TreeMap<>();
    private final Map<String, Long> statementsPerSide = new HashMap<>();
    private long tagged;
    private long deadLetters;
    private long version;

    TableWatcher(String bootstrap, TopicNames topics, Map<String, String> clientOverrides) {
        this.topics = topics;
        consumer = ReadCommitted.fromBeginning(bootstrap, clientOverrides, topics.taggedParagraphs(),
                topics.deadLetters(), topics.sideSentiment(), topics.sideSentimentHourly(), topics.sideSentimentDaily());
    }

    /** Reads what arrived; returns true when the side table changed. */
    boolean poll(Duration timeout) {
        long before = version;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            if (r.topic().equals(topics.taggedParagraphs())) {
                TaggedParagraphEvent e = taggedSerde.deserialize(r.topic(), r.value());
                tagged++;
                for (StatementEvent s : e.statements()) {
                    statementsPerSide.merge(s.side() == null ? "UNKNOWN" : s.side(), 1L, Long::sum);
                }
            } else if (r.topic().equals(topics.deadLetters())) {
                deadLetters++;
            } else if (r.value() == null) {
                continue;
            } else if (r.topic().equals(topics.sideSentiment())) {
                sides.put(r.key(), rowSerde.deserialize(r.topic(), r.value()));
                version++;
            } else {
                TableRow row = rowSerde.deserialize(r.topic(), r.value());
                (r.topic().equals(topics.sideSentimentHourly()) ? hourly : daily)
                        .put(row.key() + " " + row.windowStart(), row);
            }
        }
        return version != before;
    }

    /** Final rows of closed hourly windows, by side then window start. */
    java.util.Collection<TableRow> hourly() {
        return hourly.values();
    }

    java.util.Collection<TableRow> daily() {
        return daily.values();
    }

    String hourlyTopic() {
        return topics.sideSentimentHourly();
    }

    String dailyTopic() {
        return topics.sideSentimentDaily();
    }

    long tagged() {
        return tagged;
    }

    long deadLetters() {
        return deadLetters;
    }

    Map<String, TableRow> sides() {
        return sides;
    }

    /** True when every side's row counts exactly the statements seen in the tagged paragraphs. */
    boolean tablesMatchTagged() {
        for (Map.Entry<String, Long> e : statementsPerSide.entrySet()) {
            TableRow row = sides.get(e.getKey());
            if (row == null || row.statements() != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
