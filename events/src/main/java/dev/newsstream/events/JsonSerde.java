package dev.newsstream.events;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The project's one JSON serde, bound to a class. Null-safe (null bytes are a null value and back), and every
 * failure is a {@link SerializationException} naming the target type, so Kafka's error handlers (and our dead
 * letter queue) see a clean, explained error. If the class implements {@link Versioned}, a value whose
 * {@code schemaVersion} this build does not understand is rejected on read.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final int maxSchemaVersion;

    public JsonSerde(Class<T> type) {
        this(type, Integer.MAX_VALUE);
    }

    /** @param maxSchemaVersion the newest {@code schemaVersion} this build can read */
    public JsonSerde(Class<T> type, int maxSchemaVersion) {
        this.type = type;
        this.reader = Json.mapper().readerFor(type);
        this.writer = Json.mapper().writerFor(type);
        this.maxSchemaVersion = maxSchemaVersion;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        T value;
        try {
            value = reader.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("record on topic " + topic + " is not a valid " + type.getSimpleName()
                    + " JSON value: " + firstLine(e.getMessage()), e);
        }
        if (value instanceof Versioned v) {
            if (v.schemaVersion() < 1 || v.schemaVersion() > maxSchemaVersion) {
                throw new SerializationException("record on topic " + topic + " has schemaVersion "
                        + v.schemaVersion() + "; this build reads " + type.getSimpleName() + " versions 1.."
                        + maxSchemaVersion);
            }
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // class-bound: nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }
}
