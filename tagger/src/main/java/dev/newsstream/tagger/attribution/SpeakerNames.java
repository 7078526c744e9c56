package dev.newsstream.tagger.attribution;

import dev.newsstream.tagger.sides.ActorRegistry;

import java.util.Locale;
import java.util.Set;

/**
 * One written form for a country's unnamed institution, so the same body has the same name however the text
 * phrases it: "Azerbaijan's foreign ministry" and "the Azerbaijani Foreign Ministry" are both "Azerbaijani
 * Foreign Ministry". Other names are returned unchanged. Stateless.
 */
final class SpeakerNames {
    private SpeakerNames() {
    }

    /** Last words that make a phrase a state body named generically (proper names such as a Coast Guard stay). */
    static final Set<String> BODIES = Set.of("ministry", "department", "office", "government", "military",
            "embassy", "presidency", "cabinet");

    static String canonical(ActorRegistry registry, String name) {
        if (name == null) {
            return null;
        }
        for (String body : new String[] {" administration", " government"}) {
            if (name.endsWith(body)) {
                // "the Trump administration": the state its leader heads
                var leader = registry.actor(name.substring(0, name.length() - body.length()));
                if (leader.isPresent() && !leader.get().institution() && leader.get().leader()) {
                    return registry.sideName(leader.get().side());
                }
            }
        }
        int poss = name.indexOf("'s ");
        if (poss < 0) {
            poss = name.indexOf("’s ");
        }
        if (poss <= 0) {
            return name;
        }
        String owner = name.substring(0, poss);
        String rest = name.substring(poss + 3).trim();
        if (rest.isEmpty()) {
            return name;
        }
        String last = rest.substring(rest.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
        if (!BODIES.contains(last)) {
            return name;
        }
        String code = registry.place(owner).orElse(null);
        String adjective = code == null ? null : registry.demonymOf(code);
        if (adjective == null) {
            return name;
        }
        StringBuilder b = new StringBuilder(adjective);
        for (String w : rest.split(" ")) {
            if (w.isEmpty()) {
                continue;
            }
            b.append(' ');
            boolean small = w.equals("of") || w.equals("for") || w.equals("and") || w.equals("the");
            b.append(small ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return b.toString();
    }
}
