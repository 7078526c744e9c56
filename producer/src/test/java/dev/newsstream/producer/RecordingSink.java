package dev.newsstream.producer;

import dev.newsstream.events.ParagraphEvent;
import java.util.ArrayList;
import java.util.List;

/** A sink that remembers what was published, article by article. */
final class RecordingSink implements Sink {
    record Published(String articleId, List<ParagraphEvent> events) {
    }

    final List<Published> published = new ArrayList<>();
    boolean closed;

    @Override
    public void publish(String articleId, List<ParagraphEvent> events) {
        published.add(new Published(articleId, List.copyOf(events)));
    }

    @Override
    public void close() {
        closed = true;
    }

    List<String> ids() {
        return published.stream().map(Published::articleId).toList();
    }

    List<String> titles() {
        return published.stream().map(p -> p.events().get(0).title()).toList();
    }
}
