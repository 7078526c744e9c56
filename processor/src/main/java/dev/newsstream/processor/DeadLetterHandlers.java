package dev.newsstream.processor;

import dev.newsstream.events.DeadLetterHeaders;
import dev.newsstream.events.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' three exception handlers, configured so that every record the topology cannot handle ends in
 * one place: {@code news.dead-letters}, written <em>once</em>, through the task's own producer, i.e. in the same
 * transaction as the input offset (so a {@code read_committed} reader sees it exactly once), and the partition
 * moves on. Before, the processing handler was Kafka's default (log and fail): the dead letter was written inside
 * a transaction that was then aborted, and the thread was replaced and failed on the same record again, forever.
 *
 * <p>The dead letter carries the bytes of the record the failing task read (for a failure after the tag step:
 * the record of the internal repartition topic, a {@code StatementDelta} as JSON), and the same headers as the
 * tag step's own dead letters ({@link DeadLetterHeaders}) with stage {@code aggregate}, {@code deserialize-internal}
 * or {@code produce}. Every one is counted in {@code newsstream.paragraphs.dead.lettered{stage}} and logged.
 *
 * <p>The handlers are created by Kafka Streams from their class names; they find the topic and the metrics in
 * the Streams configuration ({@link #METRICS_CONFIG}, put there by {@link NewsProcessor#streamsProperties}).
 */
public final class DeadLetterHandlers {
    /** A Streams config entry (not a Kafka setting) holding the {@link ProcessorMetrics} the handlers count in. */
    public static final String METRICS_CONFIG = "newsstream.metrics";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /** What all three share: the dead-letter topic and the metrics, from the Streams configuration. */
    abstract static class Base {
        String topic;
        ProcessorMetrics metrics = ProcessorMetrics.noop();

        public void configure(Map<String, ?> configs) {
            Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
            topic = t == null ? null : t.toString();
            if (configs.get(METRICS_CONFIG) instanceof ProcessorMetrics m) {
                metrics = m;
            }
        }

        List<ProducerRecord<byte[], byte[]>> deadLetter(String stage, ErrorHandlerContext c, byte[] key, byte[] value,
                                                        Exception e) {
            metrics.deadLettered(stage);
            LOG.error("dead-lettering a record at stage {} (source {}-{}@{}, node {}): {}", stage, c.topic(),
                    c.partition(), c.offset(), c.processorNodeId(), e.toString(), e);
            if (topic == null || topic.isBlank()) {
                return List.of();
            }
            Headers h = new RecordHeaders(c.headers() == null ? new RecordHeaders().toArray() : c.headers().toArray());
            put(h, DeadLetterHeaders.ERROR_STAGE, stage);
            put(h, DeadLetterHeaders.ERROR_CLASS, e.getClass().getName());
            put(h, DeadLetterHeaders.ERROR_MESSAGE, abbreviate(Objects.toString(e.getMessage(), "")));
            if (c.topic() != null) {
                put(h, DeadLetterHeaders.SOURCE_TOPIC, c.topic());
                put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(c.partition()));
                put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(c.offset()));
            }
            put(h, DeadLetterHeaders.TIME, Instant.now().toString());
            // no timestamp: the producer stamps it now (the topic uses log-append time anyway), so no record time
            // can make the broker refuse the dead letter
            return List.of(new ProducerRecord<>(topic, null, null, key, value, h));
        }
    }

    /** A record that makes a step after the tag step throw (a bug, or the documented test hook). */
    public static final class Processing extends Base implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext c, Record<?, ?> record, Exception e) {
            byte[] key = c.sourceRawKey();
            byte[] value = c.sourceRawValue();
            if (value == null && record != null && record.value() != null) {
                value = json(record.value()); // e.g. a punctuation: no source record, so the failing value itself
            }
            if (key == null && record != null && record.key() != null) {
                key = record.key().toString().getBytes(StandardCharsets.UTF_8);
            }
            return Response.resume(deadLetter("aggregate", c, key, value, e));
        }
    }

    /** A record of an internal topic that cannot be read (the input topic is read as bytes and never fails here). */
    public static final class Deserialization extends Base implements DeserializationExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext c, ConsumerRecord<byte[], byte[]> record, Exception e) {
            return Response.resume(deadLetter("deserialize-internal", c, record.key(), record.value(), e));
        }
    }

    /**
     * A value that cannot be serialized is dead-lettered and skipped. A record the broker refuses fails the
     * transaction (the transactional producer is then in error, so nothing more can be written in it): that
     * stays Kafka's default (fail), and the thread replacement of {@link NewsProcessor} retries it a bounded
     * number of times. The processor prevents the known causes (timestamps clamped, 8 MiB record limit).
     */
    public static final class Production extends Base implements ProductionExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext c, ProducerRecord<byte[], byte[]> record, Exception e) {
            LOG.error("the broker refused a record for {} (source {}-{}@{}): {}", record.topic(), c.topic(),
                    c.partition(), c.offset(), e.toString());
            return Response.fail();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(ErrorHandlerContext c, ProducerRecord record, Exception e,
                                                 SerializationExceptionOrigin origin) {
            return Response.resume(deadLetter("produce", c, c.sourceRawKey(), c.sourceRawValue(), e));
        }
    }

    private static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (Exception e) {
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void put(Headers h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
