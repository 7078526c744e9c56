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
                                Path stanceCuesFile, Taggers.StanceModel stanceModel, Map<String, String> kafka) {
    public ProcessorSettings {
        kafka = Map.copyOf(kafka);
        stanceModel = stanceModel == null ? Taggers.StanceModel.LEARNED : stanceModel;
    }

    /** Settings with the default stance model ({@code stance.model=learned}). */
    public ProcessorSettings(String bootstrapServers, String applicationId, TopicNames topics, Path stateDir,
                             String processingGuarantee, int streamThreads, Duration commitInterval,
                             Duration contextTtl, WindowGrace windowGrace, int partitions, short replicationFactor,
                             String httpHost, int httpPort, String applicationServer, Path registryFile,
                             Path stanceCuesFile, Map<String, String> kafka) {
        this(bootstrapServers, applicationId, topics, stateDir, processingGuarantee, streamThreads, commitInterval,
                contextTtl, windowGrace, partitions, replicationFactor, httpHost, httpPort, applicationServer,
                registryFile, stanceCuesFile, Taggers.StanceModel.LEARNED, kafka);
    }

    public ProcessorSettings withBootstrapServers(String servers) {
        return new ProcessorSettings(servers, applicationId, topics, stateDir, processingGuarantee, streamThreads,
                commitInterval, contextTtl, windowGrace, partitions, replicationFactor, httpHost, httpPort,
                applicationServer, registryFile, stanceCuesFile, stanceModel, kafka);
    }
}
