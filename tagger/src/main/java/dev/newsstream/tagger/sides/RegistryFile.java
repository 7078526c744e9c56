package dev.newsstream.tagger.sides;

import java.util.List;

/**
 * The JSON form of an actor registry file (see docs/attribution.md). Compact constructors validate, so a
 * bad value is reported by Jackson with its line, column and field path.
 */
public record RegistryFile(List<SideEntry> sides) {
    public RegistryFile {
        sides = sides == null ? List.of() : List.copyOf(sides);
    }

    /** One side: its code, display name, extra names for the side itself, its people and institutions. */
    public record SideEntry(String code, String name, List<String> aliases, List<PersonEntry> people,
                            List<InstitutionEntry> institutions) {
        public SideEntry {
            if (code == null || !code.matches("[A-Z]{2,8}")) {
                throw new IllegalArgumentException("\"code\" must be 2-8 upper-case letters (an ISO 3166-1 alpha-3 "
                        + "code such as \"USA\", or an organisation code such as \"EU\"), got " + code);
            }
            name = name == null ? code : name;
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            people = people == null ? List.of() : List.copyOf(people);
            institutions = institutions == null ? List.of() : List.copyOf(institutions);
        }
    }

    /** A person: canonical full name, other names as written in news, role, gender ("m"/"f"), leader flag,
     *  and the terms the role was held (optional; a bare title resolves only to the holder on the date). */
    public record PersonEntry(String name, List<String> aliases, String role, String gender, boolean leader,
                              List<Term> terms) {
        public PersonEntry(String name, List<String> aliases, String role, String gender, boolean leader) {
            this(name, aliases, role, gender, leader, List.of());
        }

        public PersonEntry {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a person needs a non-empty \"name\" (the full canonical name)");
            }
            if (gender != null && !gender.equals("m") && !gender.equals("f")) {
                throw new IllegalArgumentException("\"gender\" must be \"m\", \"f\" or absent, got \"" + gender + "\"");
            }
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            terms = terms == null ? List.of() : List.copyOf(terms);
        }
    }

    /** A term in a role: ISO dates, {@code from} inclusive, {@code to} exclusive; null = open. */
    public record Term(String from, String to) {
        public Term {
            for (String d : new String[] {from, to}) {
                if (d != null && !d.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw new IllegalArgumentException("a term's \"from\"/\"to\" must be an ISO date such as "
                            + "\"2019-07-24\" or absent, got \"" + d + "\"");
                }
            }
        }
    }

    /** An institution: canonical name and aliases ("The White House", ["White House"]). */
    public record InstitutionEntry(String name, List<String> aliases) {
        public InstitutionEntry {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an institution needs a non-empty \"name\"");
            }
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }
}
