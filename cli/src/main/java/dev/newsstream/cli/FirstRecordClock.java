package dev.newsstream.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The bench's start clock: a consumer interceptor on a Kafka Streams application's main consumer that notes when
 * its first poll returned records, i.e. when the processor first read input. Kafka Streams may start processing
 * before it reports RUNNING (stateless tasks run during the rebalance), so the state listener is not a start time
 * for a run that takes a second.
 */
public final class FirstRecordClock implements ConsumerInterceptor<Object, Object> {
    private static final Map<String, AtomicLong> FIRST = new ConcurrentHashMap<>();
    private AtomicLong first;

    /** The consumer settings that install it on a Streams application's main consumer. */
    static Map<String, String> settings() {
        return Map.of("kafka.main.consumer." + ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, FirstRecordClock.class.getName());
    }

    /** {@link System#nanoTime()} of the application's first read record, or 0 before it. */
    static long firstRecordNanos(String applicationId) {
        AtomicLong t = FIRST.get(applicationId);
        return t == null ? 0 : t.get();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        first = FIRST.computeIfAbsent(String.valueOf(configs.get(ConsumerConfig.GROUP_ID_CONFIG)), k -> new AtomicLong());
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (!records.isEmpty() && first.get() == 0) {
            first.compareAndSet(0, System.nanoTime());
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // nothing to note
    }

    @Override
    public void close() {
        // the time stays readable after the application closes
    }
}
