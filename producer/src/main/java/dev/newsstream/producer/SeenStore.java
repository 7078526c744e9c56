package dev.newsstream.producer;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.newsstream.events.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the feed loop has already published, persisted as JSON so a restart does not publish again: item keys
 * (GUIDs, normalised links, article ids) and the content sketches of published bodies (see
 * {@link ContentFingerprint}). The file is rewritten atomically after every published item; the oldest entries are
 * forgotten beyond {@link #MAX_KEYS} keys and {@link #MAX_SKETCHES} sketches so it stays small over months.
 * A null path keeps everything in memory (one run only).
 *
 * <p>Not thread-safe: one feed loop owns one store.
 */
public final class SeenStore {

    static final int MAX_KEYS = 50_000;
    static final int MAX_SKETCHES = 5_000;

    private final Path file;
    private final Set<String> keys = new LinkedHashSet<>();
    private final Map<String, long[]> sketches = new LinkedHashMap<>();

    private SeenStore(Path file) {
        this.file = file;
    }

    /** An in-memory store. */
    public static SeenStore inMemory() {
        return new SeenStore(null);
    }

    /**
     * Loads {@code file}, or starts empty when it does not exist yet.
     *
     * @throws IOException naming the file when it exists but is not a seen-file
     */
    public static SeenStore load(Path file) throws IOException {
        SeenStore store = new SeenStore(file);
        if (Files.exists(file)) {
            Stored stored;
            try {
                stored = Json.mapper().readValue(file.toFile(), new TypeReference<Stored>() { });
            } catch (IOException e) {
                throw new IOException("seen-file " + file + " is not valid (" + e.getMessage().lines().findFirst()
                        .orElse("") + "); delete it to start afresh (already published items may then be"
                        + " published again) or pass another --seen-file", e);
            }
            if (stored.keys() != null) {
                store.keys.addAll(stored.keys());
            }
            if (stored.sketches() != null) {
                stored.sketches().forEach(s -> store.sketches.put(s.id(), s.sketch()));
            }
        }
        return store;
    }

    record Stored(int version, List<String> keys, List<StoredSketch> sketches) {
    }

    record StoredSketch(String id, long[] sketch) {
    }

    public boolean contains(String key) {
        return key != null && keys.contains(key);
    }

    /** The id of a stored body at least {@code threshold} similar to {@code sketch}, or null. */
    public String similarTo(long[] sketch, double threshold) {
        for (Map.Entry<String, long[]> e : sketches.entrySet()) {
            if (ContentFingerprint.similarity(sketch, e.getValue()) >= threshold) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Remembers keys (nulls ignored) and, when {@code sketch} is not null, the body of article {@code id}. */
    public void remember(List<String> newKeys, String id, long[] sketch) {
        newKeys.stream().filter(k -> k != null && !k.isBlank()).forEach(keys::add);
        if (sketch != null && sketch.length > 0) {
            sketches.put(id, sketch);
        }
        trim(keys.iterator(), keys.size() - MAX_KEYS);
        trim(sketches.keySet().iterator(), sketches.size() - MAX_SKETCHES);
    }

    private static void trim(Iterator<?> oldestFirst, int excess) {
        for (int i = 0; i < excess && oldestFirst.hasNext(); i++) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    /** Writes the file (no-op in memory): to a temporary file first, then moved over, so a crash never truncates it. */
    public void save() throws IOException {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<StoredSketch> list = new ArrayList<>();
        sketches.forEach((id, s) -> list.add(new StoredSketch(id, s)));
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Json.mapper().writeValue(tmp.toFile(), new Stored(1, new ArrayList<>(keys), list));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public Path file() {
        return file;
    }

    int keyCount() {
        return keys.size();
    }
}
