package dev.newsstream.tagger.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.newsstream.tagger.ArticleContext.Mention;
import dev.newsstream.tagger.attribution.Words.Word;
import dev.newsstream.tagger.sides.Actor;
import dev.newsstream.tagger.sides.ActorRegistry;

/**
 * Turns a speaker phrase (a run of words before or after a cue) into a canonical speaker and side, using
 * the registry's world knowledge and the article's mentions so far. Immutable and thread-safe; the mutable
 * per-paragraph state lives in the {@link Mentions} passed in.
 */
final class SpeakerResolver {
    static final String UNKNOWN = "UNKNOWN";
    private static final Set<String> INSTITUTION_HEADS = Set.of("ministry", "department", "office", "agency",
            "government", "military", "army", "council", "commission", "command", "embassy", "presidency", "cabinet");
    private final ActorRegistry registry;

    SpeakerResolver(ActorRegistry registry) {
        this.registry = registry;
    }

    /** The article's mentions while one paragraph is analysed: earlier paragraphs' plus this one's so far. */
    static final class Mentions {
        final List<Mention> list;
        final List<int[]> here = new ArrayList<>();   // {offset, sentenceStart, index into list} this paragraph
        final List<Mention> hereMentions = new ArrayList<>();
        final List<int[]> placeOffsets = new ArrayList<>();   // {offset} of side-bearing phrases this paragraph
        final List<String> placeSides = new ArrayList<>();

        void place(int offset, String side) {
            placeOffsets.add(new int[] {offset});
            placeSides.add(side);
        }

        /** The side of the nearest country, capital or demonym before {@code offset} in this paragraph. */
        String placeSideBefore(int offset) {
            String found = null;
            for (int i = 0; i < placeOffsets.size(); i++) {
                if (placeOffsets.get(i)[0] < offset) {
                    found = placeSides.get(i);
                }
            }
            return found;
        }
        final int paragraph;
        String publishedAt;   // the article's date (ISO), or null
        String lastSpeaker;   // updated as this paragraph's statements are found
        /** Phrases parsed in this paragraph, by character span: one paragraph's memo, never shared. */
        final java.util.Map<Long, Parsed> parsed = new java.util.HashMap<>();
        /** Normalised name tokens of the mentions compared in this paragraph. */
        final java.util.Map<String, List<String>> nameTokens = new java.util.HashMap<>();

        List<String> tokensOf(String name) {
            return nameTokens.computeIfAbsent(name, n -> Arrays.asList(ActorRegistry.key(n).split(" ")));
        }

        Mentions(List<Mention> start, int paragraph, String lastSpeaker) {
            this.list = new ArrayList<>(start);
            this.paragraph = paragraph;
            this.lastSpeaker = lastSpeaker;
        }

        Mention byName(String name) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).name().equals(name)) {
                    return list.get(i);
                }
            }
            return null;
        }

        void add(Mention m, int offset, int sentenceStart) {
            list.removeIf(o -> o.name().equals(m.name()));
            list.add(m);
            here.add(new int[] {offset, sentenceStart});
            hereMentions.add(m);
        }
    }

    /** A parsed speaker phrase: its words' parts. */
    record Parsed(String text, int start, List<Word> words, List<String> name, String title, String side,
                  String sideSource, String sideSurface, Actor institution, String place) {
    }

    /** {@link #parse(String, List)}, memoised for this paragraph in {@code m}. */
    Parsed parse(String para, List<Word> np, Mentions m) {
        if (m == null || np.isEmpty()) {
            return parse(para, np);
        }
        long key = (long) np.get(0).start() << 32 | np.get(np.size() - 1).end();
        Parsed p = m.parsed.get(key);
        if (p == null) {
            p = parse(para, np);
            m.parsed.put(key, p);
        }
        return p;
    }

    Parsed parse(String para, List<Word> np) {
        int start = np.get(0).start();
        String text = para.substring(start, np.get(np.size() - 1).end());
        String side = null;
        String sideSource = null;
        String sideSurface = null;
        Actor inst = null;
        // institutions: the longest sub-phrase the registry knows ("North Korea's foreign ministry", "KCNA")
        int best = 0;
        for (int i = 0; i < np.size(); i++) {
            if (!registry.mayStartActor(np.get(i).text())) {
                continue;
            }
            for (int j = Math.min(np.size(), i + 7); j > i && j - i > best; j--) {
                String s = para.substring(np.get(i).start(), np.get(j - 1).end());
                Optional<Actor> a = registry.actor(s);
                if (a.isPresent() && a.get().institution()) {
                    inst = a.get();
                    best = j - i;
                }
            }
        }
        // side hints: the longest demonym or place at each position ("North Korean", "U.S.", "Washington's")
        boolean[] placeWord = new boolean[np.size()];
        String place = null;
        for (int i = 0; i < np.size(); i++) {
            if (!np.get(i).isCapitalized() || !registry.mayStartPlace(np.get(i).text())) {
                continue;
            }
            for (int j = Math.min(np.size(), i + 5); j > i; j--) {
                String s = para.substring(np.get(i).start(), np.get(j - 1).end());
                String stripped = s.endsWith(".") && !s.endsWith("U.S.") && !s.endsWith(".S.") ? s : s;
                Optional<String> d = registry.demonym(stripped);
                Optional<String> p = registry.place(stripped);
                if (p.isEmpty() && stripped.endsWith(".")) {
                    p = registry.place(stripped.substring(0, stripped.length() - 1));
                    d = d.isPresent() ? d : registry.demonym(stripped.substring(0, stripped.length() - 1));
                }
                if (d.isPresent() || p.isPresent()) {
                    if (side == null) {
                        side = p.isPresent() ? p.get() : d.get();
                        sideSource = p.isPresent() ? registry.placeKind(stripped.replaceAll("\\.$", "")) : "demonym";
                        if (p.isPresent() && !"capital".equals(sideSource) && registry.place(stripped).isEmpty()
                                && d.isPresent()) {
                            sideSource = "demonym";
                        }
                        sideSurface = s;
                        int det = np.get(0).is("the") ? 1 : 0;
                        int poss = np.get(np.size() - 1).isPossessive() ? 1 : 0;
                        if (i == det && j == np.size() - poss) {
                            place = s;
                        }
                    }
                    for (int k = i; k < j; k++) {
                        placeWord[k] = true;
                    }
                    i = j - 1;
                    break;
                }
            }
        }
        if (side == null) {
            for (int i = 0; i < np.size(); i++) {
                if (US_TITLES.contains(np.get(i).lower()) || i > 0 && usPartyTag(np.get(i).text())
                        && np.get(i - 1).text().equals("(")) {
                    side = "USA";   // "Sen. Ted Cruz", "Rep. Maria Lopez": U.S. legislators
                    sideSource = "title";
                    break;
                }
            }
        }
        // the name: trailing capitalised words that are not titles, places or sentence openers
        List<String> name = new ArrayList<>();
        int k = np.size() - 1;
        while (k >= 0 && np.get(k).isPossessive()) {
            k--;
        }
        // "Rebel leader Pedro Diaz of Peru": the name ends before a trailing "of <place>"
        for (int o = k - 1; o > 0; o--) {
            if (np.get(o).is("of")) {
                boolean places = true;
                for (int q = o + 1; q <= k; q++) {
                    places &= placeWord[q] || np.get(q).is("the");
                }
                if (places) {
                    k = o - 1;
                }
                break;
            }
        }
        int nameEnd = k;
        while (k >= 0) {
            Word w = np.get(k);
            String lw = w.lower();
            boolean particle = lw.equals("al-") || lw.equals("bin") || lw.equals("von") || lw.equals("der")
                    || lw.equals("de") || lw.equals("el") || lw.equals("al") || lw.equals("ibn") || lw.equals("abu");
            // "al-Ansari", "el-Sisi": a lower-case Arabic article joined to a capitalised name
            boolean joined = (lw.startsWith("al-") || lw.startsWith("el-") || lw.startsWith("ad-"))
                    && w.text().length() > 3 && Character.isUpperCase(w.text().charAt(3));
            if (placeWord[k] || !(w.isCapitalized() || joined || particle && k < nameEnd) || Lexicon.TITLES.contains(lw)
                    || Lexicon.NOT_NAME.contains(w.text()) || w.isPossessive()) {
                break;
            }
            k--;
        }
        for (int i = k + 1; i <= nameEnd; i++) {
            name.add(np.get(i).text());
        }
        if (!name.isEmpty() && Lexicon.THING_HEADS.contains(name.get(name.size() - 1)) && inst == null
                && registry.actor(String.join(" ", name)).isEmpty()) {
            name.clear();
        }
        StringBuilder title = new StringBuilder();
        for (int i = 0; i <= k && i < np.size(); i++) {
            String lw = np.get(i).lower();
            if (Lexicon.TITLES.contains(lw) && !lw.equals("of") && !placeWord[i]) {
                title.append(title.length() == 0 ? "" : " ").append(np.get(i).text());
            }
        }
        return new Parsed(text, start, np, name, title.length() == 0 ? null : title.toString(), side, sideSource,
                sideSurface, inst, place);
    }

    /**
     * Resolves a speaker phrase; null when it names nobody who can be held to a statement (a joint or plural
     * subject, "we", "they", an unresolvable pronoun).
     */
    Speaker resolve(String para, List<Word> np, List<Word> appositive, Mentions m, int offset) {
        return resolve(para, np, appositive, appositive, m, offset);
    }

    /** The side a role phrase gives the person it describes, how it was found, and the role's title. */
    record RoleSide(String side, String source, String title) {
    }

    /** Nouns for an organisation referred back to: "a member of the group's political bureau". */
    private static final Set<String> ORGANISATION_NOUNS = Set.of("group", "movement", "organisation",
            "organization", "militia", "faction", "party", "ministry", "government", "office", "agency",
            "alliance", "coalition", "army", "military", "council", "bloc", "administration", "rebels");
    private static final Set<String> COUNTRY_NOUNS = Set.of("country", "nation", "kingdom", "republic",
            "emirate", "state");
    /** Organisation nouns that may refer back to a named organisation of any name ("the group" → Hamas). */
    private static final Set<String> GENERIC_ORGANISATION_NOUNS = Set.of("group", "movement", "organisation",
            "organization", "militia", "faction", "rebels", "alliance", "coalition", "bloc");
    /** Roles whose "to X" / "for X" names the principal, not the target ("an aide to X", "spokesman for X"). */
    private static final Set<String> SERVING_ROLES = Set.of("aide", "adviser", "advisor", "spokesman",
            "spokeswoman", "spokesperson", "assistant", "deputy", "counsellor", "confidant", "ally");
    /** Prepositions that start a role's target ("Special Representative for North Korea", "envoy to China"). */
    private static final Set<String> TARGET_PREPOSITIONS = Set.of("for", "to", "with", "against", "toward",
            "towards", "on", "over", "in", "at", "from", "during", "after", "who", "which", "that", "and");

    /**
     * The side a role phrase beside a name gives it: its leading demonym, country or institution ("the U.S.
     * Special Representative for North Korea" → USA, not the target after "for"), the principal of a serving
     * role ("an aide to X"), or an organisation named earlier in the article ("a member of the group's
     * political bureau"). Null when the phrase says nothing about a side.
     */
    RoleSide roleSide(String para, List<Word> role, Mentions m, String source) {
        if (role == null || role.isEmpty()) {
            return null;
        }
        if (usPartyTag(role.get(0).text())) {
            return new RoleSide("USA", source, null);   // "Chuck Schumer, D-N.Y.,": a U.S. legislator's party tag
        }
        int stop = role.size();
        int principal = -1;
        for (int i = 0; i < role.size(); i++) {
            Word w = role.get(i);
            if (w.isQuote() || w.isPunct() && !w.isPossessive()) {
                stop = i;
                break;
            }
            if (TARGET_PREPOSITIONS.contains(w.lower())) {
                if (i > 0 && SERVING_ROLES.contains(role.get(i - 1).lower())
                        && (w.is("to") || w.is("for"))) {
                    principal = i + 1;
                }
                stop = i;
                break;
            }
        }
        if (stop > 0) {
            Parsed r = parse(para, role.subList(0, stop), m);
            if (r.side() != null) {
                return new RoleSide(r.side(), source, r.title());
            }
            if (r.institution() != null && !UNKNOWN.equals(r.institution().side())) {
                return new RoleSide(r.institution().side(), source, r.title());
            }
            for (int i = 1; i + 1 < stop; i++) {
                String l = role.get(i).lower();
                if (COUNTRY_NOUNS.contains(l) && role.get(i - 1).is("the") && role.get(i + 1).isPossessive()) {
                    // "X, the country's foreign minister": the country named last before it in this paragraph
                    String place = m.placeSideBefore(role.get(0).start());
                    if (place != null) {
                        return new RoleSide(place, "context", r.title());
                    }
                }
                if (ORGANISATION_NOUNS.contains(l) && role.get(i - 1).is("the") && role.get(i + 1).isPossessive()) {
                    Mention org = organisationInFocus(l, m);
                    if (org != null) {
                        return new RoleSide(org.side(), "organisation-context", r.title());
                    }
                }
            }
        }
        if (principal > 0 && principal < role.size()) {
            List<Word> rest = role.subList(principal, role.size());
            Parsed r = parse(para, rest, m);
            String title = stop > 0 ? parse(para, role.subList(0, stop), m).title() : null;
            if (r.institution() != null && !UNKNOWN.equals(r.institution().side())) {
                return new RoleSide(r.institution().side(), source, title);
            }
            if (!r.name().isEmpty()) {
                String written = String.join(" ", r.name());
                Optional<Actor> a = registry.actor(written);
                if (a.isPresent() && !UNKNOWN.equals(a.get().side())) {
                    return new RoleSide(a.get().side(), source, title);
                }
                Mention c = matchMention(written, m);
                if (c != null && c.side() != null && !UNKNOWN.equals(c.side())) {
                    return new RoleSide(c.side(), source, title);
                }
            }
            if (r.side() != null) {
                return new RoleSide(r.side(), source, title);
            }
        }
        return null;
    }

    /** The organisation "the group" / "the ministry" refers back to: the latest institution with a side. */
    private static Mention organisationInFocus(String noun, Mentions m) {
        Mention any = null;
        for (int i = m.list.size() - 1; i >= 0; i--) {
            Mention c = m.list.get(i);
            if (!c.institution() || c.side() == null || UNKNOWN.equals(c.side())) {
                continue;
            }
            String name = c.name().toLowerCase(Locale.ROOT);
            if (name.contains(noun)) {
                return c;
            }
            boolean body = false;
            for (String h : INSTITUTION_HEADS) {
                body |= name.contains(h);
            }
            if (any == null && !body && !name.contains("house") && !name.contains("street")) {
                any = c;   // "Hamas" for "the group": a named organisation, not a government body
            }
        }
        // "the ministry's", "the party's" must find that kind of body; "the group's" may be any organisation
        return GENERIC_ORGANISATION_NOUNS.contains(noun) ? any : null;
    }

    Speaker resolve(String para, List<Word> np, List<Word> appositive, List<Word> role, Mentions m, int offset) {
        if (np.isEmpty()) {
            return null;
        }
        Word first = np.get(0);
        String lf = first.lower();
        if (np.size() == 1 && Lexicon.PRONOUNS.contains(lf)) {
            return pronoun(lf, first.text(), m, offset);
        }
        Word head = np.get(np.size() - 1);
        if (np.size() >= 2 && Lexicon.GROUPS.containsKey(head.lower())) {
            // "Cuban officials", "U.S. State Department officials", "South Sudanese rebels", "Japanese media"
            return group(para, np, Lexicon.GROUPS.get(head.lower()), m);
        }
        for (Word w : np) {
            // "both leaders", "officials", "Both sides"; but "Nations" in "the United Nations" is a name
            if (Lexicon.JOINT.contains(w.lower()) && (!w.isCapitalized() || w == first)) {
                return null;
            }
        }
        Parsed p = parse(para, np, m);
        Parsed ap = appositive == null || appositive.isEmpty() ? null : parse(para, appositive, m);
        if (p.institution() != null && p.name().isEmpty() && personTitle(p.title()) && ap != null
                && !ap.name().isEmpty()) {
            // "Sudan's army chief, Yasir Kabbashi, said": a person of the institution, named in the appositive
            return person(ap, p, roleSide(para, np, m, "possessive-role"), m, offset);
        }
        if (p.institution() != null && (p.name().isEmpty()
                || registry.actor(String.join(" ", p.name())).filter(Actor::institution).isPresent())) {
            Actor a = p.institution();
            return new Speaker(a.name(), a.side(), "registry", "institution", p.text(), null, null, true);
        }
        if (!p.name().isEmpty()) {
            return person(p, ap, role == null || role.isEmpty() ? null : roleSide(para, role, m, "appositive-role"),
                    m, offset);
        }
        if (ap != null && !ap.name().isEmpty() && p.institution() == null) {
            // "Japan's top government spokesman, Yoshimasa Hayashi, said": the name is in the appositive
            return person(ap, p, p.title() == null ? null : roleSide(para, np, m, "possessive-role"), m, offset);
        }
        if (p.place() != null && p.title() == null) {
            // a capital or country speaking for its government: "Washington said", "North Korea said"; the
            // speaker is the country, by its registry name ("Washington" and "the U.S." are the United States)
            String src = p.sideSource();
            String name = p.side() != null ? registry.sideName(p.side()) : p.place();
            return new Speaker(name, p.side(), src, "institution", p.text(), null, null, true);
        }
        if (p.title() != null) {
            return roleNoun(p, ap, m);
        }
        if (p.side() != null && p.institution() == null && p.title() == null) {
            return null;
        }
        return null;
    }

    /**
     * A plural group speaking, from the words before its head noun: officials of a named institution are the
     * institution, officials of a country the country; armed or political groups keep their phrase with the
     * country's side; bystanders (protesters, media, analysts) keep their phrase and side OTHER. Null when
     * the words give no side or institution ("officials close to the talks" is nobody the text identifies).
     */
    private Speaker group(String para, List<Word> np, Lexicon.GroupKind kind, Mentions m) {
        List<Word> modifiers = np.subList(0, np.size() - 1);
        Parsed p = parse(para, modifiers, m);
        String phrase = stripDeterminer(para.substring(np.get(0).start(), np.get(np.size() - 1).end()));
        String text = p.text();
        boolean stateMedia = false;
        for (Word w : modifiers) {
            stateMedia |= w.is("state") || w.is("state-run") || w.is("government");
        }
        if (p.institution() != null && kind == Lexicon.GroupKind.OFFICIALS) {
            Actor a = p.institution();
            return new Speaker(a.name(), a.side(), "registry", "institution", text, null, null, true);
        }
        String side = p.side() != null ? p.side() : p.institution() != null ? p.institution().side() : null;
        if (side == null) {
            return null;
        }
        String src = p.side() != null ? p.sideSource() : "institution";
        switch (kind) {
            case OFFICIALS:
                return new Speaker(registry.sideName(side), side, src, "group", text, null, null, true);
            case PARTY:
                return new Speaker(phrase, side, src, "group", text, null, null,
                        true);
            default:
                return stateMedia ? new Speaker(phrase, side, src, "group", text,
                        null, null, true)
                        : new Speaker(phrase, "OTHER", "group", "group", text,
                        null, null, true);
        }
    }

    /**
     * A speaker the text only describes ("the company", "a spokesman for the bank", "the state news agency"):
     * the phrase itself, never a person named earlier; its side from a country, capital or demonym in it, a
     * registry institution in it, or UNKNOWN. Null for plural or joint phrases ("the two sides").
     */
    Speaker described(String para, List<Word> np, Mentions m) {
        for (Word w : np) {
            if (Lexicon.JOINT.contains(w.lower())) {
                return null;
            }
        }
        Parsed p = parse(para, np, m);
        String name = stripDeterminer(p.text());
        if (p.side() != null) {
            return new Speaker(name, p.side(), p.sideSource(), "described", p.text(), null, null, true);
        }
        if (p.institution() != null) {
            return new Speaker(name, p.institution().side(), "institution", "described", p.text(), null, null, true);
        }
        return new Speaker(name, UNKNOWN, "none", "described", p.text(), null, null, true);
    }

    /** "D-N.Y.", "R-Texas", "I-Vt.": the party-and-state tag U.S. news puts after a legislator's name. */
    static boolean usPartyTag(String t) {
        return t.length() >= 4 && (t.charAt(0) == 'D' || t.charAt(0) == 'R' || t.charAt(0) == 'I')
                && t.charAt(1) == '-' && Character.isUpperCase(t.charAt(2));
    }

    /** Titles only U.S. news uses before a name: "Sen. X", "Rep. X", "Congresswoman X". */
    static final Set<String> US_TITLES = Set.of("sen.", "rep.", "congressman", "congresswoman");

    /** A title naming a person ("army chief", "foreign minister"), not a body ("foreign ministry"). */
    static boolean personTitle(String title) {
        if (title == null) {
            return false;
        }
        String last = lastTitleWord(title.toLowerCase(Locale.ROOT));
        return !INSTITUTION_HEADS.contains(last) && !last.equals("statement") && !last.equals("communique")
                && !last.equals("media") && !last.equals("news") && !last.equals("agency");
    }

    private Speaker person(Parsed p, Parsed ap, RoleSide rs, Mentions m, int offset) {
        String written = String.join(" ", p.name());
        String gender = genderOfTitle(p.title());
        Optional<Actor> reg = registry.actor(written).filter(a -> !a.institution());
        Mention known = reg.isPresent() ? null : matchMention(written, m);
        if (reg.isPresent() && p.name().size() == 1) {
            // a bare surname ("Kim") is the article's latest person of that name before the registry's default
            Mention article = matchMention(written, m);
            if (article != null && !article.name().equals(reg.get().name())) {
                Optional<Actor> full = registry.actor(article.name()).filter(a -> !a.institution());
                reg = full;
                known = full.isPresent() ? null : article;
            }
        }
        String name;
        String side = null;
        String src = null;
        String role = p.title();
        if (reg.isPresent()) {
            Actor a = reg.get();
            name = a.name();
            side = a.side();
            src = "registry";
            gender = a.gender() != null ? a.gender() : gender;
            role = role == null ? a.role() : role;
        } else if (known != null) {
            name = fuller(known.name(), written);
            gender = known.gender() != null ? known.gender() : gender;
            role = role == null ? known.role() : role;
        } else {
            name = written;
        }
        if (side == null && p.side() != null) {
            side = p.side();
            src = p.title() != null && !"capital".equals(p.sideSource()) ? "title" : p.sideSource();
        }
        if (side == null && rs != null) {
            side = rs.side();
            src = rs.source();
            role = role == null ? rs.title() : role;
        }
        if (side == null && ap != null && ap.side() != null && rs == null) {
            side = ap.side();
            src = ap.sideSource();
            role = role == null ? ap.title() : role;
        }
        if (side == null && ap != null && ap.institution() != null) {
            side = ap.institution().side();
            src = "institution";
        }
        if (side == null && p.institution() != null) {
            side = p.institution().side();
            src = "institution";
        }
        if (side == null && known != null && known.side() != null && !UNKNOWN.equals(known.side())) {
            side = known.side();
            src = "context";
        }
        if (side == null && p.title() != null && m.placeSideBefore(offset) != null) {
            // "Government spokeswoman X" in a paragraph about Tehran: the office belongs to the place in focus
            side = m.placeSideBefore(offset);
            src = "context";
        }
        if (side == null) {
            side = UNKNOWN;
            src = "none";
        }
        return new Speaker(name, side, src, "name", p.text(), role, gender, false);
    }

    private Speaker roleNoun(Parsed p, Parsed ap, Mentions m) {
        String title = p.title().toLowerCase(Locale.ROOT);
        Set<String> words = new HashSet<>(Arrays.asList(title.split(" ")));
        boolean head = false;
        for (String w : words) {
            head |= Lexicon.HEAD_TITLES.contains(w);
        }
        if (words.contains("counterpart")) {
            return counterpart(p, m);
        }
        String side = p.side() != null ? p.side() : ap != null ? ap.side() : null;
        // the most recent person whose role shares the title's head word, on the same side when one is given;
        // first one whose role is the whole title ("Ukraine's foreign minister" -> the Foreign Minister, not
        // the Defence Minister mentioned since)
        String headWord = lastTitleWord(title);
        if (title.indexOf(' ') > 0) {
            for (int i = m.list.size() - 1; i >= 0; i--) {
                Mention c = m.list.get(i);
                if (c.institution() || c.role() == null || !c.role().toLowerCase(Locale.ROOT).endsWith(title)
                        || side != null && !side.equals(c.side())) {
                    continue;
                }
                String src = side != null ? "title" : c.side() == null || UNKNOWN.equals(c.side()) ? "none" : "context";
                return new Speaker(c.name(), c.side() == null ? UNKNOWN : c.side(), src,
                        side != null ? "title" : "role-noun", p.text(), c.role(), c.gender(), false);
            }
        }
        for (int i = m.list.size() - 1; i >= 0; i--) {
            Mention c = m.list.get(i);
            if (c.institution() || c.role() == null) {
                continue;
            }
            String role = c.role().toLowerCase(Locale.ROOT);
            boolean roleOk = role.contains(headWord) || head && role.contains("leader") && headWord.equals("president")
                    || head && role.contains("president") && headWord.equals("leader");
            boolean sideOk = side == null || side.equals(c.side());
            if (roleOk && sideOk) {
                String src = side != null ? "title" : c.side() == null || UNKNOWN.equals(c.side()) ? "none" : "context";
                return new Speaker(c.name(), c.side() == null ? UNKNOWN : c.side(), src,
                        side != null ? "title" : "role-noun", p.text(), c.role(), c.gender(), false);
            }
        }
        if (INSTITUTION_HEADS.contains(headWord)) {
            for (int i = m.list.size() - 1; i >= 0; i--) {
                Mention c = m.list.get(i);
                if (c.institution() && c.name().toLowerCase(Locale.ROOT).contains(headWord)
                        && (side == null || side.equals(c.side()))) {
                    return fromMention(c, p.text(), "role-noun");
                }
            }
        }
        if (side != null && head) {
            List<Actor> leaders = registry.leaders(side);
            for (Actor a : leaders) {
                if (m.byName(a.name()) != null) {
                    return new Speaker(a.name(), side, "title", "title", p.text(), a.role(), a.gender(), false);
                }
            }
            // "the British prime minister" before any name: the holder on the article's date, never a guess
            Actor a = registry.holder(side, headWord.equals("leader") ? null : headWord, m.publishedAt);
            if (a != null) {
                return new Speaker(a.name(), side, "title", "title-on-date", p.text(), a.role(), a.gender(), false);
            }
        }
        if (side != null) {
            // an unnamed official of a known side: the phrase itself is the speaker ("a State Department official")
            String name = stripDeterminer(p.text());
            return new Speaker(name, side, p.institution() != null ? "institution" : "title", "role-noun", p.text(),
                    p.title(), genderOfTitle(p.title()), false);
        }
        if (p.institution() != null) {
            String name = stripDeterminer(p.text());
            return new Speaker(name, p.institution().side(), "institution", "role-noun", p.text(), p.title(), null,
                    false);
        }
        // "a spokesperson said" after "The State Department said ...": the institution in focus speaks
        for (int i = m.hereMentions.size() - 1; i >= 0; i--) {
            Mention c = m.hereMentions.get(i);
            if (c.institution()) {
                Mention cur = m.byName(c.name());
                return fromMention(cur == null ? c : cur, p.text(), "role-noun");
            }
        }
        Mention last = m.lastSpeaker == null ? null : m.byName(m.lastSpeaker);
        if (last != null && last.institution()) {
            return fromMention(last, p.text(), "role-noun");
        }
        for (int i = m.list.size() - 1; i >= 0; i--) {
            Mention c = m.list.get(i);
            if (c.institution() && c.paragraph() >= m.paragraph - 1) {
                return fromMention(c, p.text(), "role-noun");   // "the statement said", after "X issued a statement"
            }
        }
        if (words.contains("statement") || words.contains("communique")) {
            return null;
        }
        // "a senior administration official": a statement all the same, by that description, side unjustified
        return new Speaker(stripDeterminer(p.text()), UNKNOWN, "none", "role-noun", p.text(), p.title(),
                genderOfTitle(p.title()), false);
    }

    private Speaker counterpart(Parsed p, Mentions m) {
        // "his counterpart": the other side's leader, given the latest speaker with a side
        Mention anchor = m.lastSpeaker == null ? null : m.byName(m.lastSpeaker);
        if (anchor == null || anchor.side() == null || UNKNOWN.equals(anchor.side())) {
            return null;
        }
        for (int i = m.list.size() - 1; i >= 0; i--) {
            Mention c = m.list.get(i);
            if (!c.institution() && c.side() != null && !UNKNOWN.equals(c.side()) && !c.side().equals(anchor.side())
                    && c.role() != null) {
                return new Speaker(c.name(), c.side(), "context", "role-noun", p.text(), c.role(), c.gender(), false);
            }
        }
        return null;
    }

    private Speaker pronoun(String lf, String surface, Mentions m, int offset) {
        if (lf.equals("it")) {
            Mention last = m.lastSpeaker == null ? null : m.byName(m.lastSpeaker);
            if (last != null && last.institution()) {
                return fromMention(last, surface, "pronoun");
            }
            return null;
        }
        if (!lf.equals("he") && !lf.equals("she")) {
            return null;
        }
        String g = lf.equals("he") ? "m" : "f";
        // this paragraph first: the first compatible person of the latest sentence that mentions one
        int bestSentence = -1;
        Mention best = null;
        for (int i = 0; i < m.here.size(); i++) {
            int[] pos = m.here.get(i);
            Mention c = m.hereMentions.get(i);
            if (pos[0] >= offset || c.institution() || c.gender() != null && !c.gender().equals(g)) {
                continue;
            }
            if (pos[1] > bestSentence) {
                bestSentence = pos[1];
                best = c;
            }
        }
        if (best != null) {
            Mention cur = m.byName(best.name());
            return fromMention(cur == null ? best : cur, surface, "pronoun");
        }
        Mention last = m.lastSpeaker == null ? null : m.byName(m.lastSpeaker);
        if (last != null && !last.institution() && (last.gender() == null || last.gender().equals(g))) {
            return fromMention(last, surface, "pronoun");
        }
        for (int i = m.list.size() - 1; i >= 0; i--) {
            Mention c = m.list.get(i);
            if (!c.institution() && (c.gender() == null || c.gender().equals(g))) {
                return fromMention(c, surface, "pronoun");
            }
        }
        return null;
    }

    static Speaker fromMention(Mention c, String surface, String resolution) {
        String side = c.side() == null ? UNKNOWN : c.side();
        String src = UNKNOWN.equals(side) ? "none" : "context";
        return new Speaker(c.name(), side, src, resolution, surface, c.role(), c.gender(), c.institution());
    }

    /** The person mention whose name holds every word of {@code written} ("Kim" in "Kim Jong Un"). */
    Mention matchMention(String written, Mentions m) {
        List<String> w = m.tokensOf(written);
        for (int i = m.list.size() - 1; i >= 0; i--) {
            Mention c = m.list.get(i);
            if (c.institution()) {
                continue;
            }
            List<String> n = m.tokensOf(c.name());
            if (n.containsAll(w) || w.containsAll(n) && (w.get(w.size() - 1).equals(n.get(n.size() - 1))
                    || w.get(0).equals(n.get(0)))) {
                return c;
            }
        }
        return null;
    }

    private static String fuller(String a, String b) {
        return b.split(" ").length > a.split(" ").length ? b : a;
    }

    private static String lastTitleWord(String title) {
        String[] w = title.split(" ");
        for (int i = w.length - 1; i >= 0; i--) {
            if (!w[i].isEmpty() && !w[i].equals("mr.") && !w[i].equals("mr") && !w[i].equals("ms.")) {
                return w[i];
            }
        }
        return title;
    }

    static String genderOfTitle(String title) {
        if (title == null) {
            return null;
        }
        String t = " " + title.toLowerCase(Locale.ROOT) + " ";
        if (t.contains(" mr ") || t.contains(" mr. ") || t.contains("spokesman") || t.contains(" king ")
                || t.contains(" prince ") || t.contains("chairman") || t.contains(" lord ")) {
            return "m";
        }
        if (t.contains(" ms ") || t.contains(" ms. ") || t.contains(" mrs") || t.contains("spokeswoman")
                || t.contains(" queen ") || t.contains(" sister ") || t.contains(" lady ")
                || t.contains("chairwoman")) {
            return "f";
        }
        return null;
    }

    static String stripDeterminer(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        for (String d : new String[] {"the ", "a ", "an "}) {
            if (l.startsWith(d)) {
                return s.substring(d.length());
            }
        }
        return s;
    }
}
