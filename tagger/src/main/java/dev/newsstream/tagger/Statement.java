package dev.newsstream.tagger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fully tagged statement: attribution plus stance and sentiment, with the evidence for each tag. */
public record Statement(String text, int start, int end, boolean direct, String speaker, String side,
                        Stance stance, Sentiment sentiment, Map<String, String> evidence) {
    public Statement {
        // keep the order the evidence was gathered in: it reads as the chain of reasoning
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
