package dev.newsstream.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one definition of NewsStream's topics: {@code dev/newsstream/events/topics.conf} on the class path, which
 * the compose stack's {@code docker/create-topics.sh} reads too. Each line names the setting that renames the
 * topic ({@code topic.side}), its default name and its topic configs ({@code max.message.bytes},
 * {@code cleanup.policy}, ...). Partitions and replication factor are settings, not part of the definition.
 * Immutable; {@link #load()} reads the resource once per call.
 */
public final class TopicDefinitions {
    /** Class-path location of the definition file (also a file in the events module's sources). */
    public static final String RESOURCE = "/dev/newsstream/events/topics.conf";

    /**
     * @param setting the {@code topic.*} setting that names the topic
     * @param defaultName its name when the setting is not given
     * @param configs topic configs, in file order
     */
    public record Definition(String setting, String defaultName, Map<String, String> configs) {
        public Definition {
            configs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        }
    }

    private final List<Definition> definitions;

    private TopicDefinitions(List<Definition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    /** The definitions in file order. */
    public List<Definition> all() {
        return definitions;
    }

    /** The definition for a {@code topic.*} setting. */
    public Definition forSetting(String setting) {
        return definitions.stream().filter(d -> d.setting().equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic defined for setting " + setting
                        + " in " + RESOURCE));
    }

    /** Reads {@link #RESOURCE}. */
    public static TopicDefinitions load() {
        try (InputStream in = TopicDefinitions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses the file format: {@code #} comments and blank lines are skipped; other lines are
     * {@code setting name key=value[,key=value...]}, separated by blanks.
     *
     * @throws IllegalArgumentException naming the line when it does not have that form or repeats a setting
     */
    public static TopicDefinitions parse(String text) {
        List<Definition> out = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cols = trimmed.split("\\s+");
                if (cols.length != 3 || !cols[0].startsWith("topic.")) {
                    throw new IllegalArgumentException(RESOURCE + " line " + lineNo
                            + ": expected '<topic.setting> <name> <key=value,...>', got: " + trimmed);
                }
                Map<String, String> configs = new LinkedHashMap<>();
                for (String kv : cols[2].split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || eq == kv.length() - 1) {
                        throw new IllegalArgumentException(RESOURCE + " line " + lineNo + ": '" + kv
                                + "' is not key=value");
                    }
                    configs.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                String setting = cols[0];
                if (out.stream().anyMatch(d -> d.setting().equals(setting))) {
                    throw new IllegalArgumentException(RESOURCE + " line " + lineNo + ": " + setting + " defined twice");
                }
                out.add(new Definition(setting, cols[1], configs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopicDefinitions(out);
    }
}
