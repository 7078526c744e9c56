package dev.newsstream.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What {@code /health} reports, and why. Before, it said UP whenever Kafka Streams was RUNNING or REBALANCING,
 * including while stream threads died and were replaced in a loop and no partition moved.
 * <ul>
 *   <li>{@code DOWN} (HTTP 503): the client is not running (ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN,
 *       e.g. shut down after too many thread deaths), or an input partition of an active task has records waiting
 *       (end offset above the committed offset) and neither its committed offset moved nor any record was read for
 *       {@code health.stall.timeout};</li>
 *   <li>{@code DEGRADED} (HTTP 200, so a single recovered failure does not get a container restarted): a stream
 *       thread died and was replaced within {@code thread.replacements.window};</li>
 *   <li>{@code UP} (HTTP 200) otherwise; {@code REBALANCING} counts as up (partitions
 *       moving between instances).</li>
 * </ul>
 * Thread-safe; cheap enough to call on every probe (it reads local metadata only).
 */
public final class HealthCheck {
    private final KafkaStreams streams;
    private final NewsProcessor processor;
    private final String inputTopic;
    private final Duration stallTimeout;
    private final Duration deathWindow;
    private final LongSupplier clock;
    /** Per input partition: the committed offset last seen and when it was first seen. */
    private final Map<TopicPartition, long[]> progress = new HashMap<>();

    public HealthCheck(NewsProcessor processor) {
        this(processor, processor.streams(), System::currentTimeMillis);
    }

    HealthCheck(NewsProcessor processor, KafkaStreams streams, LongSupplier clock) {
        this.processor = processor;
        this.streams = streams;
        this.inputTopic = processor.settings().topics().paragraphs();
        this.stallTimeout = processor.settings().reliability().stallTimeout();
        this.deathWindow = processor.settings().threadReplacementWindow();
        this.clock = clock;
    }

    /** {@code status} (UP, DEGRADED, DOWN), {@code state}, and {@code reasons} when not UP. */
    public synchronized Map<String, Object> report() {
        long now = clock.getAsLong();
        KafkaStreams.State state = streams.state();
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        if (processor.fatalError() != null) {
            down.add(processor.fatalError());
        }
        switch (state) {
            case CREATED, ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> down.add("Kafka Streams is " + state);
            default -> { }
        }
        if (state == KafkaStreams.State.RUNNING) {
            down.addAll(stalled(now));
        }
        long lastDeath = processor.lastThreadDeathMs();
        if (lastDeath > 0 && now - lastDeath < deathWindow.toMillis()) {
            degraded.add("a stream thread died " + Duration.ofMillis(now - lastDeath).toSeconds()
                    + " s ago and was replaced (" + processor.metrics().threadsReplaced() + " replacements so far)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !down.isEmpty() ? "DOWN" : !degraded.isEmpty() ? "DEGRADED" : "UP");
        body.put("state", state.name());
        List<String> reasons = new ArrayList<>(down);
        reasons.addAll(degraded);
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        body.put("threadReplacements", processor.metrics().threadsReplaced());
        return body;
    }

    /** Input partitions with records waiting that made no progress for the stall timeout. */
    private List<String> stalled(long now) {
        List<String> out = new ArrayList<>();
        long lastRead = processor.metrics().lastReceivedMs();
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : t.activeTasks()) {
                for (Map.Entry<TopicPartition, Long> e : task.committedOffsets().entrySet()) {
                    TopicPartition tp = e.getKey();
                    if (!tp.topic().equals(inputTopic)) {
                        continue;
                    }
                    long committed = e.getValue() == null ? -1 : e.getValue();
                    Long end = task.endOffsets().get(tp);
                    long[] seen = progress.get(tp);
                    if (seen == null || seen[0] != committed) {
                        progress.put(tp, new long[] {committed, now});
                        continue;
                    }
                    boolean waiting = end != null && committed >= 0 && end > committed;
                    long since = Math.max(seen[1], lastRead);
                    if (waiting && now - since >= stallTimeout.toMillis()) {
                        out.add("task " + task.taskId() + " has " + (end - committed) + " record(s) waiting on " + tp
                                + " and made no progress for " + Duration.ofMillis(now - seen[1]).toSeconds() + " s");
                    }
                }
            }
        }
        return out;
    }

    /** HTTP status for a report: 503 when DOWN. */
    public static int httpStatus(Map<String, Object> report) {
        return "DOWN".equals(report.get("status")) ? 503 : 200;
    }
}
