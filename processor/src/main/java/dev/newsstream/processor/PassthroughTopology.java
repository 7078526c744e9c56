package dev.newsstream.processor;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The benchmark's yardstick: read {@code news.paragraphs}, parse each value as a {@link ParagraphEvent} and write
 * it back as JSON to another topic, with no tagging and no state. Its throughput is what Kafka and the JSON
 * serde allow on the machine; the real pipeline is reported as a ratio of it.
 */
public final class PassthroughTopology {
    private PassthroughTopology() {
    }

    public static Topology build(String inputTopic, String outputTopic) {
        StreamsBuilder b = new StreamsBuilder();
        JsonSerde<ParagraphEvent> serde = new JsonSerde<>(ParagraphEvent.class, ParagraphEvent.SCHEMA_VERSION);
        b.stream(inputTopic, Consumed.with(Serdes.String(), serde).withName("passthrough-source"))
                .filter((k, v) -> v != null, Named.as("passthrough-non-null"))
                .to(outputTopic, Produced.with(Serdes.String(), serde).withName("passthrough-sink"));
        return b.build();
    }
}
