package dev.newsstream.tagger.attribution;

import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.sides.ActorRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last resort for a statement whose speaker's side nothing in the text justified: when one side dominates
 * the article (named far more often than any other: a civil war, a country's own talks), a speaker the text
 * does not place elsewhere speaks for it ("rebel spokesman Goi Jooyul" in an article about South Sudan).
 * Before that, a speaker phrase that names a known person as its principal speaks for that person's side
 * ("the Trump administration", "Trump's special envoy"). Statements with a side, and articles about two evenly
 * named sides, are left as they are.
 */
final class SideFallback {
    private SideFallback() {
    }

    /** The side of a registry person named inside a speaker phrase that is not that person, or null. */
    static String principalSide(ActorRegistry registry, String speaker) {
        if (speaker == null || speaker.indexOf(' ') < 0) {
            return null;
        }
        for (String w : speaker.split(" ")) {
            String t = w.endsWith("'s") || w.endsWith("’s") ? w.substring(0, w.length() - 2) : w;
            if (t.length() < 3 || !Character.isUpperCase(t.charAt(0))) {
                continue;
            }
            var a = registry.actor(t);
            if (a.isPresent() && !a.get().institution() && !a.get().name().equals(speaker)) {
                return a.get().side();
            }
        }
        return null;
    }

    /** {@code a} with its principal's side (evidence {@code sideSource=principal}) if its side is unknown. */
    static Attribution principal(Attribution a, ActorRegistry registry) {
        if (!SpeakerResolver.UNKNOWN.equals(a.side())) {
            return a;
        }
        String side = principalSide(registry, a.speaker());
        if (side == null) {
            return a;
        }
        Map<String, String> ev = new LinkedHashMap<>(a.evidence());
        ev.put("sideSource", "principal");
        return new Attribution(a.text(), a.start(), a.end(), a.direct(), a.speaker(), side, ev);
    }

    /** Last words of organisations that are not a state's: think tanks, universities, NGOs, leagues of states. */
    static final java.util.Set<String> NON_STATE = java.util.Set.of("Institute", "University", "Foundation",
            "Center", "Centre", "Council", "League", "Watch", "International", "Group", "Forum", "Studies",
            "Institution", "Association", "Federation", "Society", "Fund", "Initiative", "Network", "Project");

    /** {@code a} with side OTHER (evidence {@code sideSource=non-state-organisation}) for an unknown-side body
     *  whose name ends in a non-state head ("Atlantic Council", "Arab League", "Crisis Group"). */
    static Attribution nonState(Attribution a) {
        if (!SpeakerResolver.UNKNOWN.equals(a.side()) || a.speaker() == null || a.speaker().indexOf(' ') < 0) {
            return a;
        }
        String last = a.speaker().substring(a.speaker().lastIndexOf(' ') + 1);
        if (!NON_STATE.contains(last)) {
            return a;
        }
        Map<String, String> ev = new LinkedHashMap<>(a.evidence());
        ev.put("sideSource", "non-state-organisation");
        return new Attribution(a.text(), a.start(), a.end(), a.direct(), a.speaker(), "OTHER", ev);
    }

    /** {@code a} with side {@code dominant} (evidence {@code sideSource=article-dominant}) if its side is unknown. */
    static Attribution apply(Attribution a, String dominant) {
        if (dominant == null || !SpeakerResolver.UNKNOWN.equals(a.side()) || a.speaker() == null) {
            return a;
        }
        Map<String, String> ev = new LinkedHashMap<>(a.evidence());
        ev.put("sideSource", "article-dominant");
        return new Attribution(a.text(), a.start(), a.end(), a.direct(), a.speaker(), dominant, ev);
    }
}
