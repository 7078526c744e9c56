package dev.newsstream.producer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches pages and feeds politely and within bounds: a User-Agent, a per-host minimum interval between requests,
 * a connect timeout, a deadline for the whole response, and a size cap (see {@link FetchSettings}). Redirects are
 * followed (not from https to http). Every failure is an {@link IOException} naming the URL and what to do.
 *
 * <p>Thread-safe; the per-host rate limit holds across threads.
 */
public final class HttpFetcher {

    /** A fetched response body. */
    public record Page(URI uri, String contentType, byte[] body) {
        public boolean looksLikeFeed() {
            String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            return ct.contains("rss") || ct.contains("atom") || ct.contains("xml") && !ct.contains("html");
        }
    }

    private final FetchSettings settings;
    private final HttpClient client;
    private final Map<String, Long> nextAllowedNanos = new ConcurrentHashMap<>();

    public HttpFetcher(FetchSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public FetchSettings settings() {
        return settings;
    }

    /**
     * GETs {@code url}.
     *
     * @throws IOException for a bad URL, a non-2xx status, a timeout or a body over the size cap, naming the URL
     * @throws InterruptedException when interrupted while waiting for the rate limit or the response
     */
    public Page fetch(String url) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("bad URL \"" + url + "\": " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?")) {
            throw new IOException("cannot fetch \"" + url + "\": only http and https URLs are supported");
        }
        waitForTurn(uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                        + "application/xml;q=0.9,*/*;q=0.5")
                .GET().build();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        HttpResponse<InputStream> response;
        try {
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(url, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // the request's own timeout usually fires first and arrives here, not as TimeoutException
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw timedOut(url, cause);
            }
            throw new IOException("cannot fetch " + url + ": " + cause, cause);
        }
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw new IOException("HTTP " + status + " for " + url);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > settings.maxPageBytes()) {
                throw new IOException(url + " is " + declared + " bytes, over the limit of "
                        + settings.maxPageBytes() + " (--max-page-bytes)");
            }
            byte[] body = readCapped(in, url, deadline);
            return new Page(response.uri(), response.headers().firstValue("Content-Type").orElse(null), body);
        }
    }

    private IOException timedOut(String url, Throwable cause) {
        return new IOException("no response from " + url + " within " + seconds() + "; the site is slow or down"
                + " (raise --timeout to wait longer)", cause);
    }

    private byte[] readCapped(InputStream in, String url, long deadline) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            if (out.size() > settings.maxPageBytes()) {
                throw new IOException(url + " is larger than the limit of " + settings.maxPageBytes()
                        + " bytes (--max-page-bytes); skipped");
            }
            // checked between chunks: a trickling body cannot hold a feed pass forever
            if (System.nanoTime() > deadline) {
                throw new IOException(url + " did not finish within " + seconds() + " (raise --timeout)");
            }
        }
        return out.toByteArray();
    }

    private void waitForTurn(String host) throws InterruptedException {
        long interval = settings.minIntervalPerHost().toNanos();
        if (interval <= 0) {
            return;
        }
        while (true) {
            long now = System.nanoTime();
            Long next = nextAllowedNanos.get(host);
            if (next == null || next - now <= 0) {
                boolean claimed = next == null ? nextAllowedNanos.putIfAbsent(host, now + interval) == null
                        : nextAllowedNanos.replace(host, next, now + interval);
                if (claimed) {
                    return;
                }
            } else {
                TimeUnit.NANOSECONDS.sleep(next - now);
            }
        }
    }

    private String seconds() {
        return settings.timeout().toMillis() / 1000.0 + " s";
    }
}
