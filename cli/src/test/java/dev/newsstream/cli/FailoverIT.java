package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.producer.Article;
import dev.newsstream.tagger.Taggers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Two processor instances (child JVMs, one application id, each advertising its HTTP API); one is killed with
 * SIGKILL mid-stream. The survivor takes over the dead one's partitions, the committed tables end exact (as an
 * uninterrupted run), and the survivor answers HTTP queries for keys the dead instance owned within 30 s.
 */
@WithKafka
class FailoverIT {
    static final int PARAGRAPHS = 1_200;

    @TempDir
    Path dir;
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    Process start(Map<String, String> flags, String name) throws IOException {
        Process p = FaultKit.startProcessor(flags, dir.resolve(name + ".log"));
        children.add(p);
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int get(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static String body(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    static String segment(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void theSurvivorTakesOverWithExactTablesAndAnswersForTheDeadInstancesKeys(KafkaBroker broker) throws Exception {
        String run = FaultKit.run("failover");
        TopicNames topics = FaultKit.topics(run);
        broker.createTopics(Map.of(topics.paragraphs(), 3));
        List<Article> articles = FaultKit.corpus(run, PARAGRAPHS);
        int paragraphs = FaultKit.paragraphs(articles);
        FaultKit.Tables expected = FaultKit.expected(Taggers.create(null, null), articles);
        int before = articles.size() * 3 / 4;

        int portA = freePort();
        int portB = freePort();
        Map<String, String> a = FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state-a"));
        // the killed member never leaves the group: a short session lets the survivor take over in seconds
        a.put("kafka.session.timeout.ms", "6000");
        a.put("num.stream.threads", "1");
        Map<String, String> b = new java.util.LinkedHashMap<>(a);
        a.put("http.port", Integer.toString(portA));
        a.put("application.server", "127.0.0.1:" + portA);
        b.put("http.port", Integer.toString(portB));
        b.put("application.server", "127.0.0.1:" + portB);
        b.put("state.dir", dir.resolve("state-b").toString());
        Files.createDirectories(dir.resolve("state-a"));
        Files.createDirectories(dir.resolve("state-b"));

        try (FaultKit.Output out = new FaultKit.Output(broker.clientConfig(), FaultKit.settings(a))) {
            Process survivor = start(a, "a");
            Process victim = start(b, "b");
            // both in the group before any input: with empty state the partitions are spread over both at once
            // (a late joiner would get stateful tasks only after warm-up and a probing rebalance)
            await("both instances RUNNING").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> body(portA, "/health").contains("RUNNING") && body(portB, "/health").contains("RUNNING")
                            || !survivor.isAlive() || !victim.isAlive());
            Thread.sleep(3_000); // let a second rebalance (the other member joining) settle
            await("both instances RUNNING after the rebalance").atMost(Duration.ofMinutes(1))
                    .until(() -> body(portA, "/health").contains("RUNNING") && body(portB, "/health").contains("RUNNING"));
            FaultKit.publish(broker.bootstrapServers(), topics.paragraphs(), articles.subList(0, before));
            await("both instances to serve and a quarter of the paragraphs to be committed (logs in " + dir + ")")
                    .atMost(Duration.ofMinutes(4))
                    .until(() -> out.poll().tagged >= paragraphs / 4 && get(portA, "/health") == 200
                            && get(portB, "/health") == 200 || !survivor.isAlive() || !victim.isAlive());
            assertThat(survivor.isAlive() && victim.isAlive()).as("both running").isTrue();
            out.drain();
            List<String> speakersAtKill = new ArrayList<>(out.speakers.keySet());
            assertThat(speakersAtKill).isNotEmpty();
            // the articles whose rows the victim holds (its own partitions): answered by it with local=true
            List<String> victimArticles = out.taggedPerParagraph.keySet().stream()
                    .map(k -> k.substring(0, k.lastIndexOf('#'))).distinct()
                    .filter(id -> body(portB, "/api/articles/" + segment(id) + "?local=true").contains("\"statements\""))
                    .limit(50).toList();
            assertThat(victimArticles).as("the victim owns some of the committed articles").isNotEmpty();
            victim.destroyForcibly().waitFor(); // SIGKILL
            long killedAt = System.nanoTime();
            FaultKit.publish(broker.bootstrapServers(), topics.paragraphs(), articles.subList(before, articles.size()));

            // every key that existed at the kill (half of them, roughly, on the dead instance) answered by the survivor
            await("the survivor to answer for every speaker key within 30 s").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> speakersAtKill.stream().allMatch(k -> get(portA, "/api/speakers/" + segment(k)) == 200)
                            && victimArticles.stream().allMatch(id -> get(portA, "/api/articles/" + segment(id)) == 200)
                            && get(portA, "/api/sides") == 200);
            long answeredAfter = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();

            await("the survivor to finish with the uninterrupted tables (log: " + dir.resolve("a.log") + ")")
                    .atMost(Duration.ofMinutes(6))
                    .until(() -> out.poll().tagged >= paragraphs && out.matches(expected) || !survivor.isAlive());
            assertThat(survivor.isAlive()).isTrue();
            survivor.destroy();
            assertThat(survivor.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("clean exit on SIGTERM").isTrue();
            out.assertExactlyOnce(expected, paragraphs);
            System.out.printf("FailoverIT: %d paragraphs, %d speaker keys and %d of the victim's articles at the kill,"
                    + " all answered by the survivor %d ms after it%n", paragraphs, speakersAtKill.size(),
                    victimArticles.size(), answeredAfter);
        }
    }
}
