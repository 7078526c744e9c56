package dev.newsstream.processor;

import dev.newsstream.events.TopicNames;
import dev.newsstream.tagger.Taggers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the processor needs to know, typed and validated. Built by {@link SettingsLoader} from
 * defaults &lt; a properties file &lt; {@code NEWSSTREAM_*} environment variables &lt; command-line flags;
 * every key is documented in docs/configuration.md.
 *
 * @param kafka extra Kafka client / Streams properties passed through unchanged (SASL, SSL, tuning)
 */
public record ProcessorSettings(String bootstrapServers, String applicationId, TopicNames topics, Path stateDir,
                                String processingGuarantee, int streamThreads, Duration commitInterval,
                                Duration contextTtl, WindowGrace windowGrace, int partitions, short replicationFactor,
                                String httpHost, int httpPort, String applicationServer, Path registryFile,
                                Path stanceCuesFile, Taggers.StanceModel stanceModel, Map<String, String> kafka,
                                Reliability reliability) {
    public ProcessorSettings {
        kafka = Map.copyOf(kafka);
        stanceModel = stanceModel == null ? Taggers.StanceModel.LEARNED : stanceModel;
        reliability = reliability == null ? Reliability.defaults() : reliability;
    }

    /** Settings with the default stance model ({@code stance.model=learned}) and {@link Reliability} settings. */
    public ProcessorSettings(String bootstrapServers, String applicationId, TopicNames topics, Path stateDir,
                             String processingGuarantee, int streamThreads, Duration commitInterval,
                             Duration contextTtl, WindowGrace windowGrace, int partitions, short replicationFactor,
                             String httpHost, int httpPort, String applicationServer, Path registryFile,
                             Path stanceCuesFile, Map<String, String> kafka) {
        this(bootstrapServers, applicationId, topics, stateDir, processingGuarantee, streamThreads, commitInterval,
                contextTtl, windowGrace, partitions, replicationFactor, httpHost, httpPort, applicationServer,
                registryFile, stanceCuesFile, Taggers.StanceModel.LEARNED, kafka, Reliability.defaults());
    }

    /** Settings with the default stance model ({@code stance.model=learned}). */
    public ProcessorSettings(String bootstrapServers, String applicationId, TopicNames topics, Path stateDir,
                             String processingGuarantee, int streamThreads, Duration commitInterval,
                             Duration contextTtl, WindowGrace windowGrace, int partitions, short replicationFactor,
                             String httpHost, int httpPort, String applicationServer, Path registryFile,
                             Path stanceCuesFile, Map<String, String> kafka, Reliability reliability) {
        this(bootstrapServers, applicationId, topics, stateDir, processingGuarantee, streamThreads, commitInterval,
                contextTtl, windowGrace, partitions, replicationFactor, httpHost, httpPort, applicationServer,
                registryFile, stanceCuesFile, Taggers.StanceModel.LEARNED, kafka, reliability);
    }

    /**
     * What keeps one bad input from stalling the processor (docs/reliability.md, docs/configuration.md).
     *
     * @param maxFuture             {@code published.at.max.future}: a publishedAt later than the ingest time plus
     *                              this is clamped to the ingest time
     * @param threadReplacementsMax {@code thread.replacements.max}: dead stream threads replaced within the window
     *                              before the processor shuts down
     * @param threadReplacementWindow {@code thread.replacements.window}
     * @param stallTimeout          {@code health.stall.timeout}: no record read for this long while input waits
     *                              makes {@code /health} DOWN
     * @param speakerIdleTtl        {@code speaker.idle.ttl}: speaker rows idle this long in event time are dropped
     * @param poisonMarker          {@code test.poison.marker}: TEST ONLY, empty (off) by default; a statement whose
     *                              text contains it makes the speaker aggregate throw
     */
    public record Reliability(Duration maxFuture, int threadReplacementsMax, Duration threadReplacementWindow,
                              Duration stallTimeout, Duration speakerIdleTtl, String poisonMarker) {
        public static Reliability defaults() {
            return new Reliability(Duration.ofMinutes(5), 3, Duration.ofMinutes(10), Duration.ofMinutes(2),
                    Duration.ofDays(90), "");
        }
    }

    public Duration threadReplacementWindow() {
        return reliability.threadReplacementWindow();
    }

    public int threadReplacementsMax() {
        return reliability.threadReplacementsMax();
    }

    public ProcessorSettings withBootstrapServers(String servers) {
        return new ProcessorSettings(servers, applicationId, topics, stateDir, processingGuarantee, streamThreads,
                commitInterval, contextTtl, windowGrace, partitions, replicationFactor, httpHost, httpPort,
                applicationServer, registryFile, stanceCuesFile, stanceModel, kafka, reliability);
    }
}
