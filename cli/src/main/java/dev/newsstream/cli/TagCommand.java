package dev.newsstream.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.newsstream.events.Json;
import dev.newsstream.events.StatementEvent;
import dev.newsstream.processor.StatementEvents;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.producer.Article;
import dev.newsstream.producer.Format;
import dev.newsstream.producer.Input;
import dev.newsstream.producer.ProducerRunner;
import dev.newsstream.producer.ProducerSettings;
import dev.newsstream.producer.PublishSummary;
import dev.newsstream.producer.Sink;
import dev.newsstream.producer.TextArticles;
import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.TaggedParagraph;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsstream tag}: the offline tagger. Reads articles with the producer's own reading code (the same formats
 * as {@code produce}: text, JSON Lines, HTML, directories, URLs, stdin; block 0 the title, boilerplate classified
 * and skipped), tags the body paragraphs in order with the same {@link Tagger} the
 * processor uses, and prints one JSON object per block (title and skipped blocks included, with no statements),
 * so paragraph indices match the label files' {@code paragraph} field.
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Tag articles offline; print JSON Lines, one object per paragraph (block), in order.",
        footer = {"", "Inputs as for produce: FILE (.txt, .jsonl, .html), DIR (its *.txt *.jsonl *.ndjson *.html"
                + " *.htm, sorted), http(s) URL, or - for stdin (text; --format jsonl|html for those)."})
final class TagCommand implements Callable<Integer> {
    @Option(names = "--registry", paramLabel = "FILE", description = "an actor registry file extending the built-in one")
    Path registry;

    @Option(names = "--stance-cues", paramLabel = "FILE", description = "a stance cue file extending the built-in cues")
    Path stanceCues;

    @Option(names = "--stance-model", paramLabel = "learned|lexicon", defaultValue = "learned",
            description = "stance and polarity from the trained classifiers (learned) or from the cue lexicon and "
                    + "VADER's cut-off (lexicon); default ${DEFAULT-VALUE}")
    String stanceModel;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|text|jsonl|html",
            description = "input format (default ${DEFAULT-VALUE}: by extension, then content; stdin is text unless given)")
    String format;

    @Parameters(paramLabel = "FILE|DIR|URL|-", arity = "1..*", description = "articles to tag")
    List<String> inputs;

    /** One output line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String articleId, int paragraph, String text, String role, String boilerplateReason,
                List<StatementEvent> statements) {
    }

    @Override
    public Integer call() throws Exception {
        Format f;
        try {
            f = Format.valueOf(format.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format \"" + format + "\" is not one of auto, text, jsonl, html");
        }
        List<Input> resolved;
        try {
            resolved = Input.resolve(inputs);
        } catch (Input.InputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Tagger tagger = Taggers.create(registry, stanceCues, Taggers.StanceModel.parse(stanceModel));
        ObjectWriter json = Json.mapper().writerFor(Line.class);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        // the producer's reading code, into a sink that tags instead of publishing; boilerplate comes along, marked,
        // so every block gets its line; the publication time is irrelevant here
        ProducerSettings settings = ProducerSettings.defaults("unused:9092").withFormat(f)
                .withPublishBoilerplate(true).withPublishedAt(Instant.EPOCH);
        Sink tagging = (articleId, events) -> {
            try {
                for (Line line : tagEvents(tagger, events)) {
                    out.write(json.writeValueAsString(line));
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        PublishSummary summary = ProducerRunner.run(settings, resolved, List.of(), tagging, System.in, System.err,
                () -> false);
        out.flush();
        return summary.errors() > 0 ? 1 : 0;
    }

    /** The lines of one article read by the producer (with its boilerplate blocks): title, then block by block. */
    static List<Line> tagEvents(Tagger tagger, List<ParagraphEvent> events) {
        List<Line> lines = new ArrayList<>();
        if (events.isEmpty()) {
            return lines;
        }
        ParagraphEvent first = events.get(0);
        String title = first.title() == null ? "" : first.title();
        // the headline attributes in its own forms ("X Rules Out Y", "Y – X"): tagged as block 0
        TaggedParagraph head = tagger.headline(title, publishedDate(events));
        ArticleContext ctx = head.context();
        lines.add(new Line(first.articleId(), 0, title, "title", null,
                head.statements().stream().map(StatementEvents::of).toList()));
        for (ParagraphEvent e : events) {
            int block = e.block() == null ? e.seq() + 1 : e.block();
            if (e.boilerplate()) {
                lines.add(new Line(e.articleId(), block, e.text(), "boilerplate", e.boilerplateReason(), List.of()));
                continue;
            }
            TaggedParagraph t = tagger.tag(ctx, e.text());
            ctx = t.context();
            lines.add(new Line(e.articleId(), block, e.text(), "body", null,
                    t.statements().stream().map(StatementEvents::of).toList()));
        }
        return lines;
    }

    /** The article's blocks in order: title, body (tagged), skipped furniture and headings. */
    static List<Line> tag(Tagger tagger, Article a) {
        TreeMap<Integer, Line> lines = new TreeMap<>();
        // the headline attributes in its own forms ("X Rules Out Y", "Y – X"): tagged as block 0
        TaggedParagraph head = tagger.headline(a.title(), publishedDate(a));
        ArticleContext ctx = head.context();
        lines.put(0, new Line(a.id(), 0, a.title(), "title", null,
                head.statements().stream().map(StatementEvents::of).toList()));
        for (Article.Block b : a.skipped()) {
            lines.put(b.index(), new Line(a.id(), b.index(), b.text(), "boilerplate", b.reason(), List.of()));
        }
        for (Article.Block b : a.body()) {
            TaggedParagraph t = tagger.tag(ctx, b.text());
            ctx = t.context();
            lines.put(b.index(), new Line(a.id(), b.index(), b.text(), "body", null,
                    t.statements().stream().map(StatementEvents::of).toList()));
        }
        return new ArrayList<>(lines.values());
    }

    private static final java.util.regex.Pattern SOURCE_DATE =
            java.util.regex.Pattern.compile("^Source: .*\\bdate: (\\d{4}-\\d{2}-\\d{2})\\b");

    /**
     * The article's date for the tagger (a bare title resolves to the role's holder on that date): from a
     * metadata block "Source: URL · date: yyyy-MM-dd · licence" (the dev corpus form) when there is one, else
     * the file's publication time unless it is the unknown placeholder (the epoch); null when unknown.
     */
    static String publishedDate(List<ParagraphEvent> events) {
        return publishedDate(events.stream().map(ParagraphEvent::text), events.get(0).publishedAt());
    }

    /** {@link #publishedDate(List)} for an article read by {@link TextArticles}. */
    static String publishedDate(Article a) {
        return publishedDate(Stream.concat(a.skipped().stream(), a.body().stream()).map(Article.Block::text),
                a.publishedAt());
    }

    /** The first "Source: ... date: yyyy-MM-dd" among the blocks, else {@code at} unless unknown (null, the epoch). */
    private static String publishedDate(Stream<String> blocks, Instant at) {
        return blocks.filter(java.util.Objects::nonNull).map(SOURCE_DATE::matcher)
                .filter(java.util.regex.Matcher::find).map(m -> m.group(1)).findFirst()
                .orElse(at == null || at.equals(Instant.EPOCH) ? null : at.toString());
    }

    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().forEach(out::add);
                }
            } else if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p + ": no such file, or not readable");
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
