package dev.newsstream.processor;

import dev.newsstream.events.TopicNames;
import dev.newsstream.tagger.Taggers;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assembles {@link ProcessorSettings} in one place: defaults &lt; properties file &lt; environment &lt; flags.
 *
 * <p>Keys are documented in docs/configuration.md. An environment variable {@code NEWSSTREAM_HTTP_PORT} sets
 * {@code http.port} (lower case, underscores become dots); {@code NEWSSTREAM_KAFKA_SASL_MECHANISM} sets the
 * Kafka property {@code sasl.mechanism}. Any key starting with {@code kafka.} is passed to the Kafka clients
 * with the prefix removed. An unknown key in a file or a flag is an error (typos should not be silent);
 * an unknown {@code NEWSSTREAM_} environment variable is reported as a warning.
 */
public final class SettingsLoader {
    public static final String ENV_PREFIX = "NEWSSTREAM_";
    public static final String KAFKA_PREFIX = "kafka.";

    /** The documented defaults. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bootstrap.servers", "127.0.0.1:9092");
        d.put("application.id", "newsstream-processor");
        d.put("state.dir", defaultStateDir());
        d.put("processing.guarantee", "exactly_once_v2");
        // tagging is CPU-bound: by default one stream thread per core
        d.put("num.stream.threads", "auto");
        // Results become visible to read_committed readers about once per commit per sub-topology (two on the way
        // to the side table). Kafka Streams' own exactly_once_v2 default, 100 ms, measured p99 324-334 ms at 500
        // paragraphs/s; 75 ms measured 260-263 ms (docs/performance.md)
        d.put("commit.interval.ms", "75");
        d.put("context.ttl", "PT24H");
        d.put("window.grace.hourly", WindowGrace.DEFAULT.hourly().toString());
        d.put("window.grace.daily", WindowGrace.DEFAULT.daily().toString());
        d.put("topic.partitions", "3");
        d.put("topic.replication.factor", "1");
        d.put("http.host", "127.0.0.1");
        d.put("http.port", "8080");
        d.put("application.server", "");
        d.put("registry.file", "");
        d.put("stance.cues.file", "");
        // learned: the trained stance and polarity classifiers; lexicon: the cue lexicon and VADER's cut-off
        d.put("stance.model", "learned");
        d.put("published.at.max.future", "PT5M");
        d.put("thread.replacements.max", "3");
        d.put("thread.replacements.window", "PT10M");
        d.put("health.stall.timeout", "PT2M");
        d.put("speaker.idle.ttl", "P90D");
        d.put("test.poison.marker", "");
        d.putAll(topicSettings(TopicNames.defaults()));
        DEFAULTS = Map.copyOf(d);
    }

    private SettingsLoader() {
    }

    private static String defaultStateDir() {
        return Path.of(System.getProperty("user.home"), ".newsstream", "state").toString();
    }

    /** The keys a user may set (besides {@code kafka.*}). */
    public static Set<String> knownKeys() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /**
     * @param file  a properties file, or null
     * @param env   the environment (usually {@code System.getenv()})
     * @param flags explicit settings from the command line, highest precedence
     * @param warn  where warnings go (e.g. an unknown environment variable)
     */
    public static ProcessorSettings load(Path file, Map<String, String> env, Map<String, String> flags,
                                         java.util.function.Consumer<String> warn) {
        Map<String, String> merged = new TreeMap<>(DEFAULTS);
        if (file != null) {
            merged.putAll(readFile(file));
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = envToKey(e.getKey());
            if (key.startsWith(KAFKA_PREFIX) || DEFAULTS.containsKey(key)) {
                merged.put(key, e.getValue());
            } else if (!IGNORED_ENV.contains(e.getKey())) {
                warn.accept("ignoring environment variable " + e.getKey() + ": no configuration key '" + key
                        + "' (known keys: " + knownKeys() + ")");
            }
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            check(e.getKey(), "command-line setting");
            merged.put(e.getKey(), e.getValue());
        }
        return build(merged);
    }

    /**
     * Environment variables of the launcher and images that are not processor settings. Public so that the
     * compose consistency test can tell a documented non-setting from a typo.
     */
    public static final Set<String> IGNORED_ENV = Set.of("NEWSSTREAM_HOME", "NEWSSTREAM_JAVA_OPTS",
            "NEWSSTREAM_FEEDS", "NEWSSTREAM_PRODUCER_INPUT", "NEWSSTREAM_POLL");

    /** The {@code topic.*} settings that name these topics (for flags or a properties file). */
    public static Map<String, String> topicSettings(TopicNames t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("topic.paragraphs", t.paragraphs());
        m.put("topic.tagged", t.taggedParagraphs());
        m.put("topic.side", t.sideSentiment());
        m.put("topic.speaker", t.speakerSentiment());
        m.put("topic.hourly", t.sideSentimentHourly());
        m.put("topic.daily", t.sideSentimentDaily());
        m.put("topic.deadletters", t.deadLetters());
        return m;
    }

    /** {@code NEWSSTREAM_KAFKA_SASL_MECHANISM} → {@code kafka.sasl.mechanism}. */
    public static String envToKey(String envName) {
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static void check(String key, String where) {
        if (!key.startsWith(KAFKA_PREFIX) && !DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "' in " + where
                    + "; known keys: " + knownKeys() + ", or kafka.<any Kafka client property>");
        }
    }

    static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            check(key, "configuration file " + file);
            out.put(key, p.getProperty(key).trim());
        }
        return out;
    }

    static ProcessorSettings build(Map<String, String> m) {
        TopicNames topics = new TopicNames(m.get("topic.paragraphs"), m.get("topic.tagged"), m.get("topic.side"),
                m.get("topic.speaker"), m.get("topic.hourly"), m.get("topic.daily"), m.get("topic.deadletters"));
        String guarantee = m.get("processing.guarantee");
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw new IllegalArgumentException("processing.guarantee must be exactly_once_v2 or at_least_once, not '"
                    + guarantee + "'");
        }
        Map<String, String> kafka = new TreeMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX)) {
                kafka.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return new ProcessorSettings(
                required(m, "bootstrap.servers"),
                required(m, "application.id"),
                topics,
                Path.of(required(m, "state.dir")),
                guarantee,
                "auto".equalsIgnoreCase(m.get("num.stream.threads")) ? Runtime.getRuntime().availableProcessors()
                        : intIn(m, "num.stream.threads", 1, 64),
                Duration.ofMillis(intIn(m, "commit.interval.ms", 1, 3_600_000)),
                duration(m, "context.ttl"),
                new WindowGrace(duration(m, "window.grace.hourly"), duration(m, "window.grace.daily")),
                intIn(m, "topic.partitions", 1, 10_000),
                (short) intIn(m, "topic.replication.factor", 1, 32),
                required(m, "http.host"),
                intIn(m, "http.port", 0, 65_535),
                m.get("application.server"),
                optionalPath(m.get("registry.file")),
                optionalPath(m.get("stance.cues.file")),
                Taggers.StanceModel.parse(required(m, "stance.model")),
                kafka,
                new ProcessorSettings.Reliability(duration(m, "published.at.max.future"),
                        intIn(m, "thread.replacements.max", 0, 1_000), duration(m, "thread.replacements.window"),
                        duration(m, "health.stall.timeout"), duration(m, "speaker.idle.ttl"),
                        m.getOrDefault("test.poison.marker", "")));
    }

    private static Path optionalPath(String v) {
        return v == null || v.isBlank() ? null : Path.of(v);
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("configuration key '" + key + "' must not be empty");
        }
        return v.trim();
    }

    private static int intIn(Map<String, String> m, String key, int min, int max) {
        String v = required(m, key);
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be a whole number from " + min
                    + " to " + max + ", not '" + v + "'", e);
        }
    }

    /** ISO-8601 ({@code PT10M}) or a short form: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d}. */
    public static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + v + "' is not a duration; use e.g. 30s, 10m, 24h, 7d or PT10M", e);
        }
    }

    private static Duration duration(Map<String, String> m, String key) {
        try {
            Duration d = parseDuration(required(m, key));
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration key '" + key + "': " + e.getMessage(), e);
        }
    }
}
