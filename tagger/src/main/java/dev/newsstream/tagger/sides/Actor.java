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
 * @param terms       when the person held the role (empty: unknown)
 */
public record Actor(String name, String side, String role, String gender, boolean institution, boolean leader,
                    java.util.List<RegistryFile.Term> terms) {
    public Actor {
        terms = terms == null ? java.util.List.of() : java.util.List.copyOf(terms);
    }

    public Actor(String name, String side, String role, String gender, boolean institution, boolean leader) {
        this(name, side, role, gender, institution, leader, java.util.List.of());
    }

    /** True when the role was held on {@code date} (ISO yyyy-MM-dd); false when the terms are unknown. */
    public boolean heldOn(String date) {
        if (date == null || terms.isEmpty()) {
            return false;
        }
        for (RegistryFile.Term t : terms) {
            if ((t.from() == null || t.from().compareTo(date) <= 0) && (t.to() == null || date.compareTo(t.to()) < 0)) {
                return true;
            }
        }
        return false;
    }
}
