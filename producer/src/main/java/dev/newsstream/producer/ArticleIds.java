package dev.newsstream.producer;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The article id rules (the Kafka key of every paragraph event, so they must be stable across runs and machines;
 * docs/producer.md repeats them):
 * <ul>
 *   <li>text file: the file name without its last extension ({@code 000_c370471a962d8560.txt} →
 *       {@code 000_c370471a962d8560}), the same stem the offline {@code newsstream tag} command prints;</li>
 *   <li>JSON Lines: the line's {@code id}; without one, derived from its {@code url}; without that, from its
 *       text;</li>
 *   <li>HTML pages and feed items: {@code u-} + the first 16 hex digits of SHA-256 over the normalised canonical
 *       URL (see {@link #normaliseUrl});</li>
 *   <li>stdin and anything without a URL or name: {@code t-} + 16 hex digits of SHA-256 over the text.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class ArticleIds {

    private ArticleIds() {
    }

    /** The file name without its last extension. */
    public static String fromFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** {@code u-} + 16 hex digits of SHA-256 over {@link #normaliseUrl(String)}. */
    public static String fromUrl(String url) {
        return "u-" + sha256Hex(normaliseUrl(url)).substring(0, 16);
    }

    /** {@code t-} + 16 hex digits of SHA-256 over the text with whitespace collapsed. */
    public static String fromText(String text) {
        return "t-" + sha256Hex(text.strip().replaceAll("\\s+", " ")).substring(0, 16);
    }

    /**
     * Normalises a URL so trivially different spellings of one page get one id: scheme and host lower-cased,
     * default port and fragment dropped, tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid},
     * {@code mc_cid}, {@code mc_eid}, {@code ref}) dropped, the remaining query parameters sorted, and a trailing
     * slash removed from a non-root path. Unparseable input is returned trimmed, unchanged otherwise.
     */
    public static String normaliseUrl(String url) {
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return trimmed;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return trimmed;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? uri.getRawAuthority().toLowerCase(Locale.ROOT)
                : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                String lower = name.toLowerCase(Locale.ROOT);
                if (p.isEmpty() || lower.startsWith("utm_") || lower.equals("fbclid") || lower.equals("gclid")
                        || lower.equals("mc_cid") || lower.equals("mc_eid") || lower.equals("ref")) {
                    continue;
                }
                params.add(p);
            }
        }
        params.sort(null);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
