package dev.newsstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one configured Jackson mapper of the project: ISO-8601 times, nulls left out, unknown fields tolerated
 * (a newer producer may add fields). Fields a reader cannot do without are marked
 * {@code @JsonProperty(required = true)} on the records, so their absence is an error that names them.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /** Thread-safe once configured; never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
