package dev.newsstream.tagger.attribution;

/**
 * A resolved speaker.
 *
 * @param name        canonical name
 * @param side        side code or {@code UNKNOWN}
 * @param sideSource  registry | demonym | title | country-name | capital | institution | context | none
 * @param resolution  name | title | pronoun | role-noun | institution | continuation
 * @param mention     the text the speaker was resolved from
 * @param role        title or role, or null
 * @param gender      "m", "f" or null
 * @param institution true for organisations and governments
 */
record Speaker(String name, String side, String sideSource, String resolution, String mention, String role,
               String gender, boolean institution) {

    Speaker as(String newResolution, String newMention) {
        return new Speaker(name, side, sideSource, newResolution, newMention, role, gender, institution);
    }
}
