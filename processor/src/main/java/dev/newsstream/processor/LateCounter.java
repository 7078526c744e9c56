package dev.newsstream.processor;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts, per side and window size, the statements that arrive for a window that has already closed, in
 * {@link NewsTopology#SIDE_LATE_STORE} (key {@link #key(String, String) side + '\u001f' + "1h"|"1d"}), and passes
 * every delta on unchanged. Kafka Streams' windowed aggregate drops such a record (window end plus grace at or
 * before stream time) and only bumps a task-level metric; this makes the loss visible per side in the API and on
 * the dashboard. It sits right before the windowed aggregates, in the same task, so it sees the same stream time.
 */
final class LateCounter implements FixedKeyProcessor<String, StatementDelta, StatementDelta> {
    static final String HOURLY = "1h";
    static final String DAILY = "1d";
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final long hourlyGrace;
    private final long dailyGrace;
    private FixedKeyProcessorContext<String, StatementDelta> context;
    private KeyValueStore<String, Long> counts;

    LateCounter(WindowGrace grace) {
        this.hourlyGrace = grace.hourly().toMillis();
        this.dailyGrace = grace.daily().toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, StatementDelta> context) {
        this.context = context;
        this.counts = context.getStateStore(NewsTopology.SIDE_LATE_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, StatementDelta> record) {
        if (record.value() != null && record.key() != null) {
            long streamTime = context.currentStreamTimeMs();
            long ts = record.timestamp();
            if (late(ts, HOUR, hourlyGrace, streamTime)) {
                counts.put(key(record.key(), HOURLY), count(record.key(), HOURLY) + 1);
            }
            if (late(ts, DAY, dailyGrace, streamTime)) {
                counts.put(key(record.key(), DAILY), count(record.key(), DAILY) + 1);
            }
        }
        context.forward(record);
    }

    /** Kafka Streams' rule for a tumbling window: closed once its end plus grace is at or before stream time. */
    static boolean late(long timestamp, long size, long grace, long streamTime) {
        long end = Math.floorDiv(timestamp, size) * size + size;
        return end + grace <= streamTime;
    }

    private long count(String side, String size) {
        Long c = counts.get(key(side, size));
        return c == null ? 0 : c;
    }

    static String key(String side, String size) {
        return side + '\u001f' + size;
    }
}
