package dev.newsstream.tagger.attribution;

import dev.newsstream.tagger.sides.ActorRegistry;


/**
 * One name for a body the text names by its leader: "the Trump administration", "the Netanyahu government" are
 * the state that leader heads. Other names are returned as the text gives them ("Sweden's foreign ministry"
 * stays so: label sets differ on "Swedish Foreign Ministry" vs "Ministry for Foreign Affairs of Sweden", and
 * the text's own form is the honest one). Stateless.
 */
final class SpeakerNames {
    private SpeakerNames() {
    }

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
        return name;
    }
}
