package dev.newsstream.tagger.sides;

/**
 * A person or institution the registry knows.
 *
 * @param name        canonical name ("Donald Trump", "The White House")
 * @param side        side code (ISO 3166-1 alpha-3, or EU/UN/NATO/...)
 * @param role        title or role ("President"), or null
 * @param gender      "m", "f" or null
 * @param institution true for organisations (ministries, agencies, armed groups)
 * @param leader      true for the side's head of state or government (answers "his counterpart")
 */
public record Actor(String name, String side, String role, String gender, boolean institution, boolean leader) {
}
