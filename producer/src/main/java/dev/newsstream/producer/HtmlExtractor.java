package dev.newsstream.producer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsstream.events.Json;
import dev.newsstream.tagger.text.ArticleText;
import dev.newsstream.tagger.text.Boilerplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeVisitor;

/**
 * Extracts an {@link Article} from an HTML page: the body paragraphs of the article, its title, canonical URL and
 * publication time.
 *
 * <p>How: metadata first (title from the first {@code h1}, else {@code og:title}, JSON-LD {@code headline},
 * {@code <title>}; URL from {@code link[rel=canonical]}, else {@code og:url}, else the page URL; time from
 * {@code article:published_time}, {@code itemprop=datePublished}, JSON-LD {@code datePublished},
 * {@code <time datetime>}); then page furniture is removed (scripts, nav, aside, header, footer, forms, figures
 * and captions, and elements whose class or id names a share bar, newsletter, comment section, related-content
 * widget, sidebar, ad or cookie banner); then the content root is chosen: {@code [itemprop=articleBody]}, else the
 * largest {@code <article>}, else the element whose paragraphs carry the most non-link text. Its paragraphs,
 * sub-headings, block quotes and long list items become blocks 1.. (block 0 is the title); a block that is mostly
 * link text is skipped as {@code links}, a sub-heading is kept as {@code heading} metadata, and every other block
 * goes through the plain-text {@link Boilerplate} classifier.
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlExtractor {

    private static final String NOISE_TAGS = "script, style, noscript, template, nav, aside, header, footer, form,"
            + " figure, figcaption, iframe, button, svg, select, input, textarea, dialog, [role=navigation],"
            + " [role=complementary], [role=contentinfo], [role=banner], [hidden], [aria-hidden=true]";
    private static final Pattern NOISE_NAME = Pattern.compile(
            "(?:.*[-_])?(?:share|sharing|sharebar|social|newsletter|subscribe|subscription|signup|comments?|"
                    + "commentlist|respond|disqus|related|recommended|promo|advert|advertisement|ads?|sponsor|"
                    + "sidebar|cookies?|consent|breadcrumbs?|menu|nav|navbar|navigation|popup|modal|widget|footer|"
                    + "masthead|author-?bio|authorbox|paywall|outbrain|taboola)(?:[-_].*)?",
            Pattern.CASE_INSENSITIVE);
    private static final String BLOCKS = "p, h2, h3, h4, h5, h6, blockquote, pre, li";

    private HtmlExtractor() {
    }

    /**
     * Parses page bytes: the charset from the Content-Type header when it names one, else the page's own
     * {@code <meta charset>}, else UTF-8 (jsoup's detection).
     */
    public static Document parse(byte[] body, String contentType, String baseUri) {
        String charset = null;
        if (contentType != null) {
            java.util.regex.Matcher m = Pattern.compile("(?i)charset=\"?([\\w.:-]+)").matcher(contentType);
            try {
                if (m.find() && java.nio.charset.Charset.isSupported(m.group(1))) {
                    charset = m.group(1);
                }
            } catch (IllegalArgumentException e) {
                // an illegal charset name in the header: let the page's meta tag or UTF-8 decide
            }
        }
        try {
            return Jsoup.parse(new java.io.ByteArrayInputStream(body), charset, baseUri == null ? "" : baseUri);
        } catch (java.io.IOException e) {
            // reading from a byte array cannot fail; keep the signature honest anyway
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Parses {@code html} (resolving links against {@code pageUrl}, which may be null) and extracts. */
    public static Article extract(String html, String pageUrl, String source, String fallbackId,
                                  Instant fallbackPublishedAt) {
        return extract(Jsoup.parse(html, pageUrl == null ? "" : pageUrl), pageUrl, source, fallbackId,
                fallbackPublishedAt);
    }

    /**
     * Extracts from a parsed page; the document is modified (furniture removed).
     *
     * @param pageUrl             the URL the page was fetched from, or null for a file
     * @param fallbackId          the id when the page has no canonical URL and no page URL (the file stem)
     * @param fallbackPublishedAt the time when the page carries none; null means now
     */
    public static Article extract(Document doc, String pageUrl, String source, String fallbackId,
                                  Instant fallbackPublishedAt) {
        List<JsonNode> jsonLd = jsonLd(doc);
        String title = title(doc, jsonLd);
        String url = firstNonBlank(doc.select("link[rel=canonical]").attr("abs:href"),
                doc.select("meta[property=og:url]").attr("abs:content"),
                doc.select("meta[property=og:url]").attr("content"), pageUrl);
        Instant publishedAt = publishedAt(doc, jsonLd);

        removeFurniture(doc);
        Element root = contentRoot(doc);
        List<String> texts = new ArrayList<>();
        List<Element> elements = new ArrayList<>();
        collectBlocks(root, texts, elements);

        List<String> blocks = new ArrayList<>();
        blocks.add(title);
        blocks.addAll(texts);
        List<Boilerplate.Verdict> verdicts = new ArrayList<>();
        verdicts.add(null);
        List<Boilerplate.Verdict> classified = Boilerplate.defaults().classifyAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            Element el = elements.get(i);
            Boilerplate.Verdict v = classified.get(i);
            if (el != null && el.tagName().matches("h[2-6]")) {
                // markup says heading; only a known furniture reason ("You may also like") is more specific
                if (!v.boilerplate() || v.heading() || "fragment".equals(v.reason())
                        || Boilerplate.FURNITURE.equals(v.reason())) {
                    v = Boilerplate.Verdict.furniture(Boilerplate.HEADING);
                }
            } else if (el != null && linkDensity(el) > 0.5) {
                v = Boilerplate.Verdict.furniture("links");
            }
            verdicts.add(v);
        }
        String id = url != null && url.matches("(?i)https?://.+") ? ArticleIds.fromUrl(url)
                : fallbackId != null ? fallbackId : ArticleIds.fromText(String.join("\n\n", blocks));
        Instant when = publishedAt != null ? publishedAt
                : fallbackPublishedAt != null ? fallbackPublishedAt : Instant.now();
        return Articles.fromClassified(id, blocks, verdicts, url, source, when);
    }

    private static String title(Document doc, List<JsonNode> jsonLd) {
        Element first = doc.selectFirst("article h1, [itemprop=articleBody] h1");
        if (first == null) {
            first = doc.selectFirst("h1");
        }
        String h1 = "";
        if (first != null) {
            // broken pages leave <h1> unclosed so it swallows the paragraphs: then only its own text is the title
            h1 = first.select("p, div").isEmpty() ? first.text() : first.ownText();
        }
        String headline = null;
        for (JsonNode n : jsonLd) {
            headline = firstNonBlank(headline, n.path("headline").asText(null));
        }
        String t = firstNonBlank(h1, doc.select("meta[property=og:title]").attr("content"), headline, doc.title());
        return t == null ? "" : t.strip().replaceAll("\\s+", " ");
    }

    private static Instant publishedAt(Document doc, List<JsonNode> jsonLd) {
        List<String> candidates = new ArrayList<>();
        candidates.add(doc.select("meta[property=article:published_time]").attr("content"));
        candidates.add(doc.select("meta[itemprop=datePublished]").attr("content"));
        candidates.add(doc.select("[itemprop=datePublished][datetime]").attr("datetime"));
        for (JsonNode n : jsonLd) {
            candidates.add(n.path("datePublished").asText(""));
        }
        candidates.add(doc.select("time[datetime]").attr("datetime"));
        candidates.add(doc.select("meta[name=date], meta[name=pubdate], meta[name=publishdate],"
                + " meta[name=dc.date.issued], meta[name=DC.date.issued]").attr("content"));
        for (String c : candidates) {
            Instant t = Times.parse(c);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** All JSON-LD objects on the page, flattening arrays and {@code @graph}; unparseable scripts are ignored. */
    private static List<JsonNode> jsonLd(Document doc) {
        List<JsonNode> out = new ArrayList<>();
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                flatten(Json.mapper().readTree(script.data()), out);
            } catch (Exception e) {
                // broken JSON-LD is common and never worth failing a page for: other metadata still applies
            }
        }
        return out;
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else if (node.isObject()) {
            out.add(node);
            flatten(node.get("@graph"), out);
        }
    }

    private static void removeFurniture(Document doc) {
        doc.select(NOISE_TAGS).remove();
        int pageText = doc.body() == null ? 0 : doc.body().text().length();
        for (Element el : doc.select("[class], [id]")) {
            String tag = el.tagName();
            if (tag.equals("html") || tag.equals("body") || tag.equals("article") || tag.equals("main")
                    || el.hasAttr("itemprop") && el.attr("itemprop").equals("articleBody")
                    || el.parent() == null) {
                continue;
            }
            if (!hasNoiseName(el)) {
                continue;
            }
            // a class like "category-social-affairs" on the content wrapper must not take the article with it
            if (pageText > 0 && el.text().length() > pageText / 2) {
                continue;
            }
            el.remove();
        }
    }

    private static boolean hasNoiseName(Element el) {
        for (String token : el.classNames()) {
            if (NOISE_NAME.matcher(token).matches()) {
                return true;
            }
        }
        String id = el.id();
        return !id.isEmpty() && NOISE_NAME.matcher(id).matches();
    }

    private static Element contentRoot(Document doc) {
        Element body = doc.body() == null ? doc : doc.body();
        Element best = largest(doc.select("[itemprop=articleBody]"));
        if (best == null) {
            best = largest(doc.select("article"));
        }
        if (best != null && !best.select("p").isEmpty()) {
            return best;
        }
        Element densest = null;
        double bestScore = 0;
        for (Element candidate : body.select("div, section, main, td, article, body")) {
            double score = 0;
            for (Element p : candidate.children()) {
                if (p.tagName().equals("p")) {
                    score += paragraphScore(p);
                }
            }
            if (score > bestScore) {
                bestScore = score;
                densest = candidate;
            }
        }
        return densest != null ? densest : body;
    }

    private static double paragraphScore(Element p) {
        int len = p.text().length();
        if (len < 25) {
            return 0;
        }
        return len - 2.0 * linkTextLength(p);
    }

    private static Element largest(Elements elements) {
        Element best = null;
        for (Element e : elements) {
            if (best == null || e.text().length() > best.text().length()) {
                best = e;
            }
        }
        return best;
    }

    private static void collectBlocks(Element root, List<String> texts, List<Element> elements) {
        Elements selected = root.select(BLOCKS);
        Set<Element> containers = new HashSet<>();
        for (Element el : selected) {
            if (el.select(BLOCKS).size() > 1) {
                // e.g. a blockquote holding paragraphs, or a list item holding a paragraph: use the inner ones
                containers.add(el);
            }
        }
        String previous = null;
        for (Element el : selected) {
            if (containers.contains(el)) {
                continue;
            }
            String text = el.text().strip();
            if (text.isEmpty() || text.equals(previous)) {
                continue;
            }
            if (el.tagName().equals("li") && text.length() < 60) {
                continue; // short list items are menus and tag lists far more often than article content
            }
            texts.add(text);
            elements.add(el);
            previous = text;
        }
        if (texts.isEmpty()) {
            // no paragraph markup at all (text in bare divs with <br>s): fall back to line-break structure
            for (String b : ArticleText.blockTexts(textWithBreaks(root))) {
                texts.add(b);
                elements.add(null);
            }
        }
    }

    private static String textWithBreaks(Element root) {
        StringBuilder sb = new StringBuilder();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    sb.append(t.text());
                } else if (node instanceof Element e && e.tagName().equals("br")) {
                    sb.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    sb.append("\n\n");
                }
            }
        });
        return sb.toString();
    }

    private static double linkDensity(Element el) {
        int len = el.text().length();
        return len == 0 ? 0 : (double) linkTextLength(el) / len;
    }

    private static int linkTextLength(Element el) {
        int n = 0;
        for (Element a : el.select("a")) {
            n += a.text().length();
        }
        return n;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
