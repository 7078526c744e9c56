package dev.newsstream.producer;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes each article's paragraph events to {@code news.paragraphs} (key = articleId, value = JSON via
 * {@link JsonSerde}) in one Kafka transaction per article, so a {@code read_committed} reader sees all of an
 * article's paragraphs or none. The producer is idempotent with acks=all; one key per article means one partition,
 * so the paragraphs stay in order.
 *
 * <p>{@link #connect} first checks that the broker answers (an Admin {@code describeCluster} with a timeout) and
 * creates the topic if it is missing, so an unreachable broker fails fast with an error that names the address
 * instead of a hang. A failed article is aborted and reported as {@link PublishException}; the publisher is then
 * unusable when the cause is fatal (fenced, unauthorised), usable otherwise.
 *
 * <p>Not thread-safe: call from one thread (Kafka transactions are per producer anyway).
 */
public final class ParagraphPublisher implements Sink {

    private final Producer<String, ParagraphEvent> producer;
    private final String topic;
    private final String where;

    /**
     * Wraps a producer configured for transactions (tests pass a {@code MockProducer}) and initialises transactions.
     *
     * @param where how to name the cluster in errors (the bootstrap address)
     */
    public ParagraphPublisher(Producer<String, ParagraphEvent> producer, String topic, String where) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.where = where;
        producer.initTransactions();
    }

    /**
     * Checks the broker, creates the topic when missing, and opens a transactional producer.
     *
     * @param warnings receives non-fatal problems (e.g. no permission to create topics)
     * @throws KafkaUnreachableException when the broker does not answer within {@link KafkaSettings#reachTimeout()}
     */
    public static ParagraphPublisher connect(KafkaSettings settings, Consumer<String> warnings) {
        checkAndCreateTopic(settings, warnings);
        KafkaProducer<String, ParagraphEvent> kafka;
        try {
            kafka = new KafkaProducer<>(KafkaConfig.producer(settings), new StringSerializer(),
                    new JsonSerde<>(ParagraphEvent.class));
        } catch (KafkaException e) {
            throw new PublishException("cannot create a Kafka producer for " + settings.bootstrapServers() + ": "
                    + rootMessage(e) + ". Check --bootstrap-server and the client settings in --producer-config"
                    + " and NEWSSTREAM_KAFKA_* variables.", e);
        }
        try {
            return new ParagraphPublisher(kafka, settings.topic(), settings.bootstrapServers());
        } catch (TimeoutException e) {
            kafka.close(Duration.ZERO);
            throw unreachable(settings, e);
        } catch (KafkaException e) {
            kafka.close(Duration.ZERO);
            throw new PublishException("cannot start Kafka transactions on " + settings.bootstrapServers() + ": "
                    + rootMessage(e) + ". The broker must allow transactions (transactional.id "
                    + settings.transactionalId() + ").", e);
        }
    }

    static void checkAndCreateTopic(KafkaSettings settings, Consumer<String> warnings) {
        long reachMs = settings.reachTimeout().toMillis();
        Admin admin;
        try {
            admin = Admin.create(KafkaConfig.admin(settings));
        } catch (KafkaException e) {
            throw new KafkaUnreachableException("cannot reach Kafka at " + settings.bootstrapServers() + ": "
                    + rootMessage(e) + ". Check --bootstrap-server (HOST:PORT).", e);
        }
        try {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) reachMs)).clusterId()
                        .get(reachMs + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof AuthenticationException) {
                    throw new PublishException("Kafka at " + settings.bootstrapServers() + " refused our credentials: "
                            + cause.getMessage() + ". Check the SASL/SSL settings (--producer-config,"
                            + " NEWSSTREAM_KAFKA_*).", cause);
                }
                throw unreachable(settings, cause);
            }
            NewTopic newTopic = new NewTopic(settings.topic(), Optional.of(settings.partitions()), Optional.empty());
            try {
                admin.createTopics(List.of(newTopic)).all().get(reachMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    warnings.accept("could not create topic " + settings.topic() + " (" + rootMessage(e)
                            + "); publishing anyway, which works if it exists or the broker auto-creates it");
                }
            } catch (java.util.concurrent.TimeoutException e) {
                warnings.accept("creating topic " + settings.topic() + " did not finish within "
                        + seconds(settings) + "; publishing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while checking Kafka at " + settings.bootstrapServers(), e);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private static KafkaUnreachableException unreachable(KafkaSettings settings, Throwable cause) {
        return new KafkaUnreachableException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
                + seconds(settings) + ": " + rootMessage(cause) + ". Is the broker running? Check"
                + " --bootstrap-server.", cause);
    }

    private static String seconds(KafkaSettings settings) {
        return settings.reachTimeout().toSeconds() + " s";
    }

    /**
     * Publishes one article's events in one transaction, in order, all with key {@code articleId}. Does nothing
     * for an empty list.
     *
     * @throws PublishException naming the article and the cluster when the transaction failed (it was aborted)
     */
    @Override
    public void publish(String articleId, List<ParagraphEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            for (ParagraphEvent e : events) {
                producer.send(new ProducerRecord<>(topic, articleId, e));
            }
            // commit flushes and fails if any send failed, so no per-record future needs checking
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw new PublishException("cannot publish article " + articleId + " to " + topic + " on " + where
                    + ": " + rootMessage(e) + (e instanceof AuthorizationException
                    ? ". Grant this principal write and transactional access." : ". Another producer uses this"
                    + " transactional.id; give each running producer its own."), e);
        } catch (KafkaException e) {
            String hint = e instanceof TimeoutException ? ". Is the broker at " + where + " still running?" : "";
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailed) {
                // After a timed-out commit Kafka refuses to abort (IllegalStateException: the commit "must be
                // retried"): the outcome is unknown and every later transaction would fail the same way. Caught as
                // a RuntimeException so that it ends the run as a PublishException (exit 3) instead of being
                // counted as one bad input per remaining article.
                e.addSuppressed(abortFailed);
                throw new PublishException("cannot publish article " + articleId + " to " + topic + " on " + where
                        + ": " + rootMessage(e) + (hint.isEmpty() ? "." : hint) + " Its transaction did not finish: the article is visible to"
                        + " read_committed readers either whole or not at all; publish it again (a repeat counts once).",
                        e);
            }
            if (refusedRecord(e)) {
                throw new ArticleRejectedException("article " + articleId + " was refused by " + topic + " on " + where
                        + " (transaction aborted, nothing of it is visible; the other articles are published): "
                        + rootMessage(e), e);
            }
            throw new PublishException("cannot publish article " + articleId + " to " + topic + " on " + where
                    + " (transaction aborted, nothing of it is visible): " + rootMessage(e) + hint, e);
        }
    }

    /**
     * Whether the failure is about this article's records, not the broker or the producer: the abort above reset the
     * transaction, so the next article can be published.
     */
    static boolean refusedRecord(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || c instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || c instanceof org.apache.kafka.common.InvalidRecordException
                    || c instanceof org.apache.kafka.common.errors.InvalidTimestampException
                    || c instanceof org.apache.kafka.common.errors.SerializationException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return c == t ? String.valueOf(m) : t.getMessage() + " (" + c.getClass().getSimpleName() + ": " + m + ")";
    }
}
