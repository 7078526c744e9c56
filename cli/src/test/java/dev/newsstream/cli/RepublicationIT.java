package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.StatementDelta;
import dev.newsstream.producer.Article;
import dev.newsstream.producer.TextArticles;
import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Statement;
import dev.newsstream.tagger.TaggedParagraph;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-publication through the real {@code produce} command on a real broker: the same article published twice
 * counts once, and a corrected article (same file, so same id and seqs, one paragraph changed) withdraws the old
 * paragraph's statements from their side and speaker and adds the new ones (docs/events.md "Re-publication").
 */
@WithKafka
class RepublicationIT {
    static final String PUBLISHED_AT = "2019-02-28T10:00:00Z";
    static final String TITLE = "Envoys end Geneva talks without a deal";
    static final String ORIGINAL_0 = "\"We had a good exchange of views and we made real progress,\" said Daniel Marsh,"
            + " the U.S. Special Representative for North Korea.";
    static final String CORRECTED_0 = "\"The talks did not live up to our expectations and finally broke down,\""
            + " said Pak Chol Jin, North Korea's chief negotiator.";
    static final List<String> REST = List.of(
            "\"The United States came with empty hands and an old attitude,\" Pak Chol Jin told reporters.",
            "Secretary of State Mike Pompeo said Washington remained ready to talk.");

    @TempDir
    Path dir;
    NewsProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    Path write(String subdir, String first) throws Exception {
        Path file = dir.resolve(subdir).resolve("geneva-talks.txt");
        Files.createDirectories(file.getParent());
        List<String> blocks = new ArrayList<>(List.of(TITLE, first));
        blocks.addAll(REST);
        Files.writeString(file, String.join("\n\n", blocks) + "\n");
        return file;
    }

    int produce(KafkaBroker broker, TopicNames topics, Path file) {
        return Main.run("produce", "--bootstrap-server", broker.bootstrapServers(), "--topic", topics.paragraphs(),
                "--published-at", PUBLISHED_AT, file.toString());
    }

    @Test
    void aRepeatCountsOnceAndACorrectionReplacesTheOldContribution(KafkaBroker broker) throws Exception {
        String run = FaultKit.run("republish");
        TopicNames topics = FaultKit.topics(run);
        ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
        Tagger tagger = Taggers.create(null, null);
        var settings = FaultKit.settings(FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state")));
        processor = new NewsProcessor(settings, tagger, metrics);
        processor.start();

        Path original = write("v1", ORIGINAL_0);
        Path corrected = write("v2", CORRECTED_0);
        Article a = TextArticles.read(original, java.time.Instant.parse(PUBLISHED_AT));
        Article b = TextArticles.read(corrected, java.time.Instant.parse(PUBLISHED_AT));
        assertThat(b.id()).as("same file name, same article id").isEqualTo(a.id());
        int paragraphs = a.body().size();

        // What the processor must end with, by its documented semantics: the original article's statements, then
        // the old paragraph 0 withdrawn and the corrected one tagged with the article's context as it stood.
        List<StatementDelta> deltas = new ArrayList<>();
        ArticleContext ctx = ArticleContext.start(a.title());
        List<Statement> old0 = null;
        for (int seq = 0; seq < paragraphs; seq++) {
            TaggedParagraph t = tagger.tag(ctx, a.paragraphs().get(seq));
            ctx = t.context();
            old0 = seq == 0 ? t.statements() : old0;
            deltas.addAll(FaultKit.deltas(a.id(), seq, t.statements(), a.publishedAt(), 1));
        }
        FaultKit.Tables before = FaultKit.fold(deltas);
        deltas.addAll(FaultKit.deltas(a.id(), 0, old0, a.publishedAt(), -1));
        List<Statement> new0 = tagger.tag(ctx, CORRECTED_0).statements();
        deltas.addAll(FaultKit.deltas(a.id(), 0, new0, a.publishedAt(), 1));
        FaultKit.Tables after = FaultKit.fold(deltas);
        assertThat(old0).extracting(Statement::speaker).contains("Daniel Marsh");
        assertThat(new0).extracting(Statement::speaker).contains("Pak Chol Jin");

        try (FaultKit.Output out = new FaultKit.Output(broker.clientConfig(), settings)) {
            assertThat(produce(broker, topics, original)).isZero();
            assertThat(produce(broker, topics, original)).as("the same article again").isZero();
            // both copies processed (the metric) and their output committed (the tables)
            await("the repeat to be recognised and the first copy's rows committed").atMost(Duration.ofMinutes(2))
                    .until(() -> metrics.duplicates() == paragraphs && out.poll().matches(before));
            out.drain();
            assertThat(out.tagged).as("a repeat writes no new tagged paragraph").isEqualTo(paragraphs);
            assertThat(out.sides).isEqualTo(before.sides());
            assertThat(out.speakers).isEqualTo(before.speakers());

            assertThat(produce(broker, topics, corrected)).isZero();
            await("the correction to reach the tables").atMost(Duration.ofMinutes(2))
                    .until(() -> out.poll().tagged == paragraphs + 1 && out.matches(after));
            out.drain();
            assertThat(out.sides).isEqualTo(after.sides());
            assertThat(out.speakers).isEqualTo(after.speakers());
            assertThat(out.speakers.get("Daniel Marsh").statements())
                    .as("Marsh's statement was withdrawn").isEqualTo(before.speakers().get("Daniel Marsh").statements() - 1);
            assertThat(out.speakers.get("Pak Chol Jin").statements())
                    .isEqualTo(before.speakers().get("Pak Chol Jin").statements() + new0.size());
            assertThat(out.taggedPerParagraph).containsEntry(a.id() + "#0", 2).containsEntry(a.id() + "#1", 1);
            assertThat(metrics.duplicates()).as("unchanged paragraphs of the correction are repeats too")
                    .isEqualTo(2L * paragraphs - 1);
            assertThat(out.deadLetters).isEmpty();
        }
    }
}
