package dev.newsstream.tagger.attribution;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Word lists the rules use: speech and cognition cues, titles, pronouns, words that never start a name. */
final class Lexicon {
    private Lexicon() {
    }

    /** How a cue form may introduce a statement. */
    enum CueKind {
        /** a finite speech verb: "said", "warns", "told" */
        FINITE,
        /** a participle after the clause it reports on: "..., reiterating X" */
        PARTICIPLE,
        /** a cognition verb: a statement only with "that" after it ("believes that") */
        COGNITION
    }

    record Cue(String base, CueKind kind) {
    }

    private static final Map<String, Cue> CUES = new HashMap<>();
    private static final Map<String, Set<String>> PARTICLES = new HashMap<>();
    private static final Set<String> WEAK_LEMMAS = new java.util.HashSet<>();
    private static final Set<String> MEANING_LEMMAS = new java.util.HashSet<>();
    static final String VERBS = "/dev/newsstream/tagger/attribution/communication-verbs.tsv";

    static {
        try (java.io.InputStream in = Lexicon.class.getResourceAsStream(VERBS)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + VERBS + " is missing");
            }
            java.io.BufferedReader r = new java.io.BufferedReader(
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 3 || f.length > 5) {
                    throw new IllegalStateException(VERBS + " line " + n + ": expected lemma<TAB>use<TAB>class[<TAB>forms[<TAB>particles]]");
                }
                String lemma = f[0].trim();
                String use = f[1].trim();
                CueKind kind = switch (use) {
                    case "say", "meaning", "weak" -> CueKind.FINITE;
                    case "cognition" -> CueKind.COGNITION;
                    default -> throw new IllegalStateException(VERBS + " line " + n + ": unknown use " + use);
                };
                if (use.equals("weak")) {
                    WEAK_LEMMAS.add(lemma);
                }
                if (use.equals("meaning")) {
                    MEANING_LEMMAS.add(lemma);
                }
                register(lemma, kind);
                if (f.length > 3 && !f[3].isBlank()) {
                    for (String form : f[3].split(",")) {
                        String fm = form.trim();
                        CUES.put(fm, new Cue(lemma, fm.endsWith("ing") && kind == CueKind.FINITE
                                ? CueKind.PARTICIPLE : kind));
                    }
                }
                if (f.length > 4 && !f[4].isBlank()) {
                    PARTICLES.put(lemma, Set.of(f[4].trim().split(",")));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + VERBS, e);
        }
    }

    private static void register(String b, CueKind kind) {
        String stem = b.endsWith("e") ? b.substring(0, b.length() - 1) : b;
        String third = b.endsWith("y") && !b.endsWith("ay") && !b.endsWith("ey") ? b.substring(0, b.length() - 1)
                + "ies" : b.endsWith("s") || b.endsWith("sh") || b.endsWith("ch") || b.endsWith("x") ? b + "es"
                : b + "s";
        String past = b.endsWith("e") ? b + "d" : b.endsWith("y") && !b.endsWith("ay") && !b.endsWith("ey")
                ? b.substring(0, b.length() - 1) + "ied" : b + "ed";
        Cue c = new Cue(b, kind);
        CUES.put(b, c);
        CUES.put(third, c);
        CUES.put(past, c);
        CUES.put(stem + "ing", new Cue(b, kind == CueKind.FINITE ? CueKind.PARTICIPLE : kind));
    }

    /** How many lemmas the lexicon holds (for tests and docs). */
    static int lemmaCount() {
        Set<String> bases = new java.util.HashSet<>();
        CUES.values().forEach(c -> bases.add(c.base()));
        return bases.size();
    }

    /** Bases that are a cue only with the particle after them ("talked about", "called for"). */
    static final Map<String, Set<String>> PARTICLE = PARTICLES;

    /** Particle-bound bases that stand alone when they frame a quotation ("“Why?” he asked."). */
    static final Set<String> QUOTE_FRAME_ONLY = Set.of("ask", "post", "brief", "signal", "question", "charge");

    /** Bases too common in narration to report a clause unless "that" or a quotation follows. */
    static final Set<String> WEAK = WEAK_LEMMAS;

    /** Bases that carry the statement themselves ("denied", "accused", "welcomed"). */
    static final Set<String> MEANING = MEANING_LEMMAS;

    static Cue cue(String word) {
        return CUES.get(word.toLowerCase(Locale.ROOT));
    }

    static final Set<String> PRONOUNS = Set.of("he", "she", "they", "we", "it", "i", "you");

    /** Lower-case words that can be part of a title or role in a speaker phrase. */
    static final Set<String> TITLES = Set.of("president", "leader", "minister", "secretary", "spokesman",
            "spokeswoman", "spokesperson", "ambassador", "envoy", "official", "diplomat", "negotiator",
            "chancellor", "premier", "chairman", "chairwoman", "chair", "chief", "general", "gen.", "commander",
            "adviser", "advisor", "aide", "senator", "sen.", "representative", "rep.", "governor", "gov.", "king",
            "queen", "prince", "emir", "sheikh", "ayatollah", "director", "head", "deputy", "vice", "foreign",
            "defence", "defense", "prime", "supreme", "top", "senior", "former", "press", "secretary-general",
            "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "lord", "counterpart", "mayor", "speaker",
            "national", "security", "special", "commerce", "health", "education", "energy", "economy", "information",
            "unification", "intelligence", "emergency", "communications", "armed", "forces", "border", "police",
            "wing", "bureau", "command", "statement", "communique", "communiqué", "embassy", "consulate", "council", "presidency", "acting", "interior", "finance", "trade", "external", "affairs",
            "state", "military", "army", "navy", "coordinator", "commissioner", "sister", "lawmaker", "legislator",
            "member", "delegate", "delegation", "sources", "source", "officials", "diplomats", "analyst",
            "counsellor", "councillor", "first", "lady", "ministry", "office", "department", "agency", "negotiators",
            "colonel", "col.", "lt.", "brigadier", "lieutenant", "sergeant", "water", "resources",
            "agriculture", "environment", "transport", "culture", "labour", "labor", "industry", "tourism", "major", "captain", "admiral", "marshal", "justice", "attorney", "nuclear",
            "chief-of-staff", "staff", "of", "high", "relief", "crown", "vice-president",
            "cabinet", "government",
            "regime", "party", "leadership", "spokespeople", "presidential", "administration", "state-run",
            "state-media", "media", "news", "outlet", "broadcaster", "newspaper", "side", "team", "mission",
            "authorities", "rebels", "insurgents", "militants", "separatists", "protesters", "demonstrators",
            "activists", "troops", "lawmakers", "legislators", "ministers", "rebel", "opposition", "militia",
            "insurgent", "separatist");

    /** How a plural group noun heading a subject speaks (see SpeakerResolver#group). */
    enum GroupKind {
        /** officials of an institution or a country: the institution or the country speaks */
        OFFICIALS,
        /** an armed or political party to the dispute: the phrase, with its country's side */
        PARTY,
        /** bystanders, not principals: the phrase, side OTHER (state media keep their country's side) */
        BYSTANDERS
    }

    /** Plural group nouns that can head a speaker phrase ("Cuban officials said", "South Sudanese rebels say"). */
    static final Map<String, GroupKind> GROUPS = Map.ofEntries(
            Map.entry("officials", GroupKind.OFFICIALS), Map.entry("authorities", GroupKind.OFFICIALS),
            Map.entry("diplomats", GroupKind.OFFICIALS), Map.entry("negotiators", GroupKind.OFFICIALS),
            Map.entry("sources", GroupKind.OFFICIALS), Map.entry("spokespeople", GroupKind.OFFICIALS),
            Map.entry("leaders", GroupKind.OFFICIALS), Map.entry("ministers", GroupKind.OFFICIALS),
            Map.entry("rebels", GroupKind.PARTY), Map.entry("insurgents", GroupKind.PARTY),
            Map.entry("militants", GroupKind.PARTY), Map.entry("separatists", GroupKind.PARTY),
            Map.entry("lawmakers", GroupKind.PARTY), Map.entry("legislators", GroupKind.PARTY),
            Map.entry("troops", GroupKind.PARTY), Map.entry("forces", GroupKind.PARTY),
            Map.entry("protesters", GroupKind.BYSTANDERS), Map.entry("demonstrators", GroupKind.BYSTANDERS),
            Map.entry("activists", GroupKind.BYSTANDERS), Map.entry("media", GroupKind.BYSTANDERS),
            Map.entry("analysts", GroupKind.BYSTANDERS), Map.entry("experts", GroupKind.BYSTANDERS),
            Map.entry("observers", GroupKind.BYSTANDERS), Map.entry("residents", GroupKind.BYSTANDERS),
            Map.entry("witnesses", GroupKind.BYSTANDERS), Map.entry("critics", GroupKind.BYSTANDERS));

    /** Heads that mean a head of state or government ("the North Korean leader" -> the side's leader). */
    static final Set<String> HEAD_TITLES = Set.of("president", "leader", "premier", "chancellor", "king", "emir",
            "supreme", "prime");

    /** Plural or joint subjects: "both leaders agreed" is not anyone's statement. */
    static final Set<String> JOINT = Set.of("both", "two", "leaders", "sides", "parties", "they", "we", "all",
            "officials", "diplomats", "negotiators", "analysts", "experts", "critics", "many", "some", "others",
            "you", "i", "observers", "sources", "people", "countries", "nations", "governments", "together");

    /** Capitalised words that do not start a name: sentence openers, months, days. */
    static final Set<String> NOT_NAME = Set.of("The", "A", "An", "But", "And", "Or", "While", "Though",
            "Although", "After", "Before", "In", "On", "At", "Then", "When", "As", "If", "It", "This", "That",
            "These", "Those", "There", "Both", "Even", "However", "Meanwhile", "Still", "Yet", "So", "Also",
            "Asked", "According", "For", "From", "With", "By", "Under", "Over", "During", "Since", "Until",
            "Despite", "Speaking", "Earlier", "Later", "Last", "Next", "Monday", "Tuesday", "Wednesday",
            "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June",
            "July", "August", "September", "October", "November", "December", "Now", "Today", "Yesterday",
            "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "Its", "My", "Your", "What",
            "Why", "How", "Who", "Where", "Which", "Not", "No", "Yes", "Instead", "Because", "Once", "Of",
            "To", "Into", "About", "Against", "Among", "Between", "Without", "Within", "Like", "Unlike",
            "Such", "Some", "Many", "Most", "Several", "Each", "Every", "Any", "All", "Other", "Another",
            "Further", "Moreover", "Indeed", "Separately", "Overall", "Here", "Thus", "Hence", "Sources",
            "Officials", "Reports", "Critics", "Analysts", "Experts", "Observers", "Residents", "Witnesses",
            "Diplomats", "Media", "Others", "Lawmakers", "Protesters", "Activists", "Read", "Subscribe", "Sign", "Click", "Share", "Follow", "Photo", "Image", "Watch", "Well", "Thank",
            "Thanks", "Okay", "OK", "Please", "Hello", "Dear", "Oh", "Look", "Listen", "Sorry");

    /** Capitalised words that end a phrase as a thing, not a person ("Hanoi Summit", "Oval Office"). */
    static final Set<String> THING_HEADS = Set.of("Summit", "Office", "Address", "Peninsula", "Agreement",
            "Council", "Ministry", "Department", "Union", "Forces", "News", "Street", "House", "Deal", "Talks",
            "War", "Accord", "Accords", "Treaty", "Conference", "Sea", "Strait", "Zone", "Party", "Army",
            "Agency", "Committee", "Organization", "Organisation", "Parliament", "Congress", "Senate", "Assembly",
            "Commission", "Bank", "Fund", "Times", "Post", "Journal", "Press", "Reuters", "Airport", "Hotel",
            "Palace", "Square", "Day", "Week", "Year", "Act", "Plan", "Program", "Programme", "Initiative",
            "Group", "Forum", "Court", "Guard", "Guards", "Corps", "Navy", "Air", "Force", "Media", "Television",
            "TV", "Radio", "University", "Institute", "Center", "Centre", "Foundation", "Declaration",
            "Resolution", "Facebook", "Twitter", "Telegram", "X", "Comments", "Reply", "Updates", "Team",
            "Strip", "Coast", "Region", "Province", "City", "State", "States", "Republic", "Kingdom",
            "Front", "Line", "Road", "Station", "Plant", "Complex", "Base", "Island", "Islands", "River", "Lake");

    /** Abbreviations whose full stop does not end a sentence. */
    static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov",
            "lt", "col", "sgt", "capt", "adm", "jr", "sr", "no", "vs", "prof", "u.s", "u.n", "u.k", "e.u", "d.c",
            "inc", "corp", "co", "ltd", "approx", "est", "fig", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
            "a.m", "p.m", "rev", "hon", "maj", "cmdr", "pres", "sec", "govt", "dept");
}
