package dev.newsstream.tagger.attribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.ArticleContext.Mention;
import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.AttributionResult;
import dev.newsstream.tagger.Attributor;
import dev.newsstream.tagger.attribution.Lexicon.Cue;
import dev.newsstream.tagger.attribution.Lexicon.CueKind;
import dev.newsstream.tagger.attribution.Words.Word;
import dev.newsstream.tagger.nlp.OpenNlp;
import dev.newsstream.tagger.sides.ActorRegistry;

/**
 * Rule-based attribution: direct quotations (straight, curly and single marks, split and partial quotes, a
 * quotation continuing into the next paragraph), reported speech led by speech and cognition verbs (finite,
 * participial, "according to", clause-then-"X said"), and headline forms ("X says ...", "X: ..."); speakers
 * from names, titles, pronouns, role nouns and institutions, resolved against the article's context and the
 * {@link ActorRegistry}. How it works and the evidence keys: docs/attribution.md, docs/evidence.md.
 *
 * <p>Contract: never throws on any input (null, empty, unbalanced marks, control characters, any script);
 * work is linear in the text and bounded: only the first {@link #MAX_CHARS} characters are analysed and
 * part-of-speech tagging runs only on sentences that hold a cue verb. Every returned statement satisfies
 * {@code text.equals(paragraph.substring(start, end))}. Immutable and thread-safe: per-article memory is the
 * {@link ArticleContext} passed in and returned.
 */
public final class RuleAttributor implements Attributor {
    /** Characters of a paragraph analysed; the rest is ignored (a real paragraph is far shorter). */
    public static final int MAX_CHARS = 20_000;
    /** Words either side of a word whose POS tag is needed that the tagger sees (see {@code Run.tag}). */
    private static final int POS_BEFORE = 6;
    private static final int POS_AFTER = 2;
    static final String UNKNOWN = SpeakerResolver.UNKNOWN;
    /** Debugging only: rethrow rule failures instead of returning nothing (never set in production). */
    private static final boolean RETHROW = Boolean.getBoolean("newsstream.attribution.rethrow");

    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "his", "her", "its", "their");
    private static final Set<String> SKIP = Set.of("also", "later", "again", "then", "once", "earlier", "previously",
            "reportedly", "still", "has", "had", "have", "is", "was", "were", "are", "did", "does", "do", "just",
            "further", "on", "last", "late", "this", "week", "month", "year", "night", "morning", "evening",
            "afternoon", "today", "yesterday", "tonight", "subsequently", "already", "even", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "been", "first", "publicly", "both");
    private static final Set<String> NEGATION_OR_MODAL = Set.of("not", "n't", "never", "will", "would", "could",
            "should", "may", "might", "must", "can", "to", "cannot", "shall", "didn't", "doesn't", "won't", "wouldn't");
    private static final Set<String> NOUN_MODIFIERS = Set.of("several", "many", "some", "these", "those", "such",
            "no", "any", "new", "recent", "earlier", "further", "repeated", "public", "official", "initial",
            "first", "last", "latest", "our", "my", "your", "this", "that", "whose", "every", "each", "more");
    private static final Set<String> OBJECTS = Set.of("reporters", "journalists", "lawmakers", "mps", "parliament",
            "him", "her", "them", "us", "me", "the", "a", "press", "media", "news", "conference", "briefing",
            "in", "at", "statement", "interview", "television", "radio", "an", "again", "repeatedly", "publicly",
            "congress", "senators", "delegates", "supporters", "crowd", "audience");
    private static final Set<String> CLAUSE_BREAKS = Set.of("as", "while", "after", "amid", "before", "when",
            "despite", "although", "though", "whereas", "days", "weeks", "hours", "months", "prompting",
            "raising", "sparking", "triggering", "marking", "signalling", "signaling");
    private static final Set<String> PREPOSITIONS = Set.of("on", "in", "at", "during", "after", "before", "late",
            "last", "earlier", "this", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "according", "to", "told", "from", "via", "by", "when");
    /** Lower-case words before a cue that never make it a noun: pronouns, auxiliaries, adverbs, conjunctions. */
    private static final Set<String> NOT_MODIFIERS = Set.of("who", "which", "has", "had", "have", "is", "was",
            "were", "are", "did", "does", "do", "been", "be", "being", "will", "would", "could", "should", "may",
            "might", "must", "can", "shall", "also", "later", "again", "then", "once", "previously", "reportedly",
            "still", "just", "already", "subsequently", "and", "but", "or", "to", "not", "never", "n't", "he",
            "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "sides", "leaders", "people",
            "officials", "diplomats", "negotiators", "analysts", "experts", "critics", "group", "movement",
            "spokespeople", "ministers", "governments", "countries", "nations", "parties", "reporters",
            "journalists", "that", "often", "too", "now", "however", "nevertheless", "instead", "of", "in", "on",
            "at", "for", "with", "by", "from", "as", "about", "into", "over", "after", "before", "than",
            "between", "against", "'s", "’s", "'", "’", "nobody", "someone", "everyone", "anyone", "keep", "kept");
    /** Title words that are adjectives ("foreign", "senior"): the POS model decides after them. */
    private static final Set<String> ADJECTIVAL_TITLES = Set.of("foreign", "defence", "defense", "prime",
            "supreme", "top", "senior", "former", "national", "special", "armed", "acting", "external", "high",
            "first", "presidential", "state-run", "nuclear", "vice", "deputy", "crown", "of", "military",
            "interior", "economy", "commerce", "health", "education", "energy", "relief", "emergency", "border",
            "trade", "finance", "intelligence", "communications", "unification", "information", "security",
            "water", "resources", "agriculture", "environment", "transport", "culture", "labour", "labor",
            "industry", "tourism", "justice", "lady", "side", "state-media", "media", "news", "press");
    private static final Set<String> LY_ADJECTIVES = Set.of("early", "daily", "weekly", "monthly", "yearly",
            "likely", "only", "friendly", "elderly", "costly", "deadly", "timely", "lonely", "holy", "ugly",
            "orderly", "unlikely", "quarterly", "hourly", "nightly", "leisurely", "lively", "lovely", "silly");
    private static final Set<String> AUX = Set.of("is", "was", "were", "are", "been", "be", "being");
    /** Communication nouns whose content clause is a statement (issue 18: claim, demand, warning, ...). */
    private static final Set<String> COMMUNICATION_NOUNS = Set.of("claim", "claims", "demand", "demands",
            "warning", "warnings", "promise", "promises", "denial", "assurance", "assurances", "pledge",
            "insistence", "assertion", "threat", "threats", "accusation", "accusations", "allegation",
            "allegations", "call", "calls", "appeal", "proposal", "offer", "vow", "statement", "announcement",
            "suggestion", "argument", "position");
    /** Verbs that only carry a communication noun: "gave his assurance", "issued a warning". */
    private static final Set<String> LIGHT_VERBS = Set.of("gave", "gives", "give", "issued", "issues", "made",
            "makes", "repeated", "repeats", "reiterated", "renewed", "renews", "delivered", "expressed",
            "voiced", "restated", "reaffirmed", "stood", "maintained");
    /** Nouns a speaker denies or rejects in a relative clause: "a charge Doha denied". */
    private static final Set<String> CHARGE_NOUNS = Set.of("charge", "claim", "accusation", "allegation",
            "charges", "claims", "accusations", "allegations", "report", "reports", "suggestion", "assertion");

    private final ActorRegistry registry;
    private final SpeakerResolver resolver;

    private RuleAttributor(ActorRegistry registry) {
        this.registry = registry;
        this.resolver = new SpeakerResolver(registry);
    }

    public static RuleAttributor create(ActorRegistry registry) {
        return new RuleAttributor(java.util.Objects.requireNonNull(registry, "registry"));
    }

    /** An attributor over the bundled default registry. */
    public static RuleAttributor createDefault() {
        return create(ActorRegistry.loadDefault());
    }

    @Override
    public AttributionResult attribute(ArticleContext context, String paragraph) {
        ArticleContext ctx = context == null ? ArticleContext.start("") : context;
        String para = paragraph == null ? "" : paragraph;
        ArticleContext next = new ArticleContext(ctx.title(), ctx.mentions(), ctx.openQuoteSpeaker(),
                ctx.lastSpeaker(), ctx.paragraphs() + 1, ctx.sides(), ctx.publishedAt());
        if (para.isBlank()) {
            return new AttributionResult(List.of(), next);
        }
        if (Boilerplate.isBoilerplate(para)) {
            return new AttributionResult(List.of(), new ArticleContext(ctx.title(), ctx.mentions(), null,
                    ctx.lastSpeaker(), ctx.paragraphs() + 1, ctx.sides(), ctx.publishedAt()));
        }
        try {
            return new Run(ctx, para).analyse();
        } catch (RuntimeException e) {
            if (RETHROW) {
                throw e;
            }
            AttributionFailures.record(e, para);
            // the contract is "never throw": a rule bug must not stop an article stream; nothing is attributed
            return new AttributionResult(List.of(), next);
        }
    }

    /** Holds the speaker phrase found for a cue: the phrase, an appositive, and the index after both. */
    private record NpRef(List<Word> np, List<Word> appositive, int end, List<Word> role) {
        NpRef(List<Word> np, List<Word> appositive, int end) {
            this(np, appositive, end, appositive);
        }
    }

    /** The analysis of one paragraph; not shared between threads. */
    private final class Run {
        final ArticleContext ctx;
        final String para;
        final int n;
        final List<QuoteSpan> quotes;
        final List<Word> words;
        final List<int[]> sentences = new ArrayList<>();
        final String[] tags;
        final boolean[] tagged;
        final boolean[] consumed;
        final Speaker[] quoteSpeaker;
        final SpeakerResolver.Mentions mentions;
        final List<Attribution> out = new ArrayList<>();
        final List<Speaker> lastSpeakers = new ArrayList<>();
        final List<int[]> lastSpeakerSpans = new ArrayList<>();
        final boolean headline;
        String openQuoteSpeaker;

        Run(ArticleContext ctx, String para) {
            this.ctx = ctx;
            this.para = para;
            this.n = Math.min(para.length(), MAX_CHARS);
            this.quotes = QuoteScanner.scan(para, n);
            this.words = Words.scan(para, n, quotes);
            this.tags = new String[words.size()];
            this.tagged = new boolean[words.size()];
            this.consumed = new boolean[words.size()];
            this.quoteSpeaker = new Speaker[quotes.size()];
            this.mentions = new SpeakerResolver.Mentions(ctx.mentions(), ctx.paragraphs(), ctx.lastSpeaker());
            this.mentions.publishedAt = ctx.publishedAt();
            this.headline = ctx.paragraphs() == 0 && !ctx.title().isBlank() && para.strip().equals(ctx.title().strip());
        }

        AttributionResult analyse() {
            splitSentences();
            collectMentions();
            transcriptTurn();
            for (int[] s : sentences) {
                quotesIn(s[0], s[1]);
            }
            HeadlineForms.Form form = headline ? HeadlineForms.find(words, this::headlineSpeakers) : null;
            if (form != null) {
                // a headline in its own form: title case would mislead the sentence rules
                int before = out.size();
                for (Speaker sp : form.speakers()) {
                    emit(form.start(), form.end(), false, sp, "headline-" + form.kind(), form.cue(), before);
                }
            } else {
                for (int[] s : sentences) {
                    reportedIn(s[0], s[1]);
                }
            }
            if (headline && form == null) {
                headlineColon();
            }
            introducedQuotation();
            Map<String, Integer> here = new java.util.HashMap<>();
            for (String side : mentions.placeSides) {
                here.merge(side, 1, Integer::sum);
            }
            Map<String, Integer> sides = ArticleContext.addSides(ctx.sides(), here);
            String dominant = new ArticleContext(ctx.title(), List.of(), null, null, 0, sides, null).dominantSide();
            for (int i = 0; i < out.size(); i++) {
                out.set(i, SideFallback.apply(SideFallback.nonState(SideFallback.principal(out.get(i), registry)),
                        dominant));
            }
            out.sort((x, y) -> Integer.compare(x.start(), y.start()));
            String last = ctx.lastSpeaker();
            for (Attribution a : out) {
                if (a.speaker() != null) {
                    last = a.speaker();
                }
            }
            ArticleContext next = new ArticleContext(ctx.title(), mentions.list, openQuoteSpeaker, last,
                    ctx.paragraphs() + 1, sides, ctx.publishedAt());
            return new AttributionResult(out, next);
        }

        // ---------------------------------------------------------------- sentences and tags

        void splitSentences() {
            int start = 0;
            for (int i = 0; i < words.size(); i++) {
                Word w = words.get(i);
                boolean end = false;
                if (w.text().equals(".") || w.text().equals("!") || w.text().equals("?")) {
                    end = i + 1 >= words.size() || startsSentence(words.get(i + 1));
                } else if (w.isQuote()) {
                    QuoteSpan q = quotes.get(w.quote());
                    char last = q.contentEnd() > q.contentStart() ? para.charAt(q.contentEnd() - 1) : ' ';
                    end = (last == '.' || last == '!' || last == '?') && i + 1 < words.size()
                            && startsSentence(words.get(i + 1)) && !isCueAt(i + 1)
                            && !(words.get(i + 1).isCapitalized() && i + 2 < words.size() && isCueAt(i + 2));
                }
                if (end) {
                    sentences.add(new int[] {start, i + 1});
                    start = i + 1;
                }
            }
            if (start < words.size()) {
                sentences.add(new int[] {start, words.size()});
            }
        }

        boolean startsSentence(Word w) {
            return w.isQuote() || w.isCapitalized() || Character.isDigit(w.text().charAt(0));
        }

        /**
         * The UD POS tag of word {@code i}, from the POS model run over a small window of the attributor's own
         * words around it (not the whole sentence, and without re-tokenising): the tags only decide whether a
         * cue is a noun ("several reports"), and the model's features look two words either side.
         */
        String tag(int i) {
            if (!tagged[i]) {
                int[] s = sentenceOf(i);
                int from = Math.max(s[0], i - POS_BEFORE);
                int to = Math.min(s[1], i + POS_AFTER + 1);
                String[] toks = new String[to - from];
                for (int k = from; k < to; k++) {
                    Word w = words.get(k);
                    toks[k - from] = w.isQuote() ? "\"" : w.text();
                }
                String[] t = OpenNlp.posTags(toks);
                // the window's edges lack context: keep only the tags of the word asked for and its neighbours
                for (int k = Math.max(from, i - 1); k <= Math.min(to - 1, i + 1); k++) {
                    if (!tagged[k]) {
                        tagged[k] = true;
                        tags[k] = t[k - from];
                    }
                }
            }
            return tags[i];
        }

        int[] sentenceOf(int i) {
            for (int[] s : sentences) {
                if (i >= s[0] && i < s[1]) {
                    return s;
                }
            }
            return new int[] {i, i + 1};
        }

        // ---------------------------------------------------------------- cues

        Cue cueAt(int i) {
            if (i < 0 || i >= words.size()) {
                return null;
            }
            Word w = words.get(i);
            if (w.isQuote() || w.isPunct()) {
                return null;
            }
            Cue c = Lexicon.cue(w.text());
            if (c == null) {
                return null;
            }
            Set<String> particles = Lexicon.PARTICLE.get(c.base());
            boolean nextToQuote = i > 0 && words.get(i - 1).isQuote() || i + 1 < words.size()
                    && (words.get(i + 1).isQuote() || words.get(i + 1).isPunct());
            // "he asked", "she posted" need no particle beside a quotation; in narration they do
            if (particles != null && !(nextToQuote && Lexicon.QUOTE_FRAME_ONLY.contains(c.base()))
                    && (i + 1 >= words.size() || !particles.contains(words.get(i + 1).lower()))
                    && !(c.base().equals("call") && quotationSoon(i))) {
                return null;
            }
            // the UD tagger often calls a verb after a name a noun ("Brussels insists"), so a noun tag only
            // vetoes a cue that a determiner or adjective governs ("several reports", "a warning")
            if (i > 0 && !headline) {
                Word prev = words.get(i - 1);
                String pl = prev.lower();
                boolean governed = DETERMINERS.contains(pl) || NOUN_MODIFIERS.contains(pl)
                        || Character.isDigit(pl.charAt(0));
                // the POS model is asked only when the word before is not obviously a subject, verb or adverb
                if (!governed && !prev.isPunct() && !prev.isQuote() && !prev.isCapitalized() && !notModifier(pl)) {
                    String pt = tag(i - 1);
                    governed = pt != null && (pt.equals("ADJ") || pt.equals("DET") || pt.equals("NUM"));
                }
                if (governed) {
                    String t = tag(i);
                    if (t == null || t.equals("NOUN") || t.equals("ADJ") || t.startsWith("NN")) {
                        return null;
                    }
                }
            }
            return c;
        }

        /** "called the move “selfish”", "called it a “betrayal”": a quotation within five words, same sentence. */
        boolean quotationSoon(int i) {
            for (int k = i + 1; k < Math.min(words.size(), i + 6); k++) {
                Word w = words.get(k);
                if (w.isQuote()) {
                    return true;
                }
                if (w.isPunct()) {
                    return false;
                }
            }
            return false;
        }

        /** Words that are never an adjective, determiner or numeral before a verb: no POS tagging needed. */
        boolean notModifier(String l) {
            if (NOT_MODIFIERS.contains(l) || Lexicon.PRONOUNS.contains(l)) {
                return true;
            }
            if (l.startsWith("al-") || l.startsWith("el-")) {
                return true;   // "al-Ansari said": a name
            }
            if (Lexicon.TITLES.contains(l) && !ADJECTIVAL_TITLES.contains(l)) {
                return true;   // "the minister said", "the ministry announced"
            }
            if (l.length() > 4 && l.endsWith("s") && !l.endsWith("ss") && !l.endsWith("us") && !l.endsWith("is")
                    && !l.endsWith("ous")) {
                return true;   // a plural noun or a verb ("troops responded"), not "various" or "numerous"
            }
            return l.length() > 4 && l.endsWith("ly") && !LY_ADJECTIVES.contains(l);   // "officially announced"
        }

        boolean isCueAt(int i) {
            if (i < 0 || i >= words.size()) {
                return false;
            }
            return Lexicon.cue(words.get(i).text()) != null;
        }

        // ---------------------------------------------------------------- phrases

        boolean isDet(Word w) {
            return !w.isQuote() && DETERMINERS.contains(w.lower());
        }

        boolean isPronoun(Word w) {
            return !w.isQuote() && Lexicon.PRONOUNS.contains(w.lower());
        }

        boolean leftward;

        boolean isNameParticle(String l) {
            return l.equals("bin") || l.equals("von") || l.equals("der") || l.equals("de") || l.equals("el")
                    || l.equals("al") || l.equals("ibn") || l.startsWith("al-") || l.startsWith("el-")
                    || l.startsWith("ad-") || l.startsWith("as-") || l.startsWith("bin-");
        }

        boolean isNpWord(int i) {
            Word w = words.get(i);
            if (w.isQuote()) {
                return false;
            }
            if (w.isPossessive()) {
                return true;
            }
            if (w.isPunct()) {
                return false;
            }
            if (w.isCapitalized() && headline && i > 0 && Lexicon.cue(w.text()) != null
                    && Lexicon.cue(w.text()).kind() == CueKind.FINITE) {
                return false;   // "Trump Tells Erdogan ...": in a headline a capitalised speech verb is the verb
            }
            if (w.isCapitalized()) {
                // "State" in "the State Department" is a name word; "Says" in a title-case headline is the verb
                return !Lexicon.NOT_NAME.contains(w.text()) && (Lexicon.cue(w.text()) == null || leftward
                        || i + 1 < words.size() && words.get(i + 1).isCapitalized());
            }
            String l = w.lower();
            return Lexicon.TITLES.contains(l) || isNameParticle(l);
        }

        /** The phrase ending at word {@code j} (inclusive), not before {@code lo}. */
        List<Word> npLeft(int j, int lo) {
            int i = j;
            leftward = true;
            while (i >= lo) {
                Word w = words.get(i);
                if (isDet(w)) {
                    i--;
                    break;
                }
                if (!isNpWord(i)) {
                    // "the country's foreign minister", "the group's spokesman": a noun owning the title
                    if (i + 1 <= j && words.get(i + 1).isPossessive() && i - 1 >= lo && words.get(i - 1).is("the")
                            && !w.isPunct() && !w.isQuote()) {
                        i--;
                        continue;
                    }
                    break;
                }
                i--;
            }
            leftward = false;
            int s = i + 1;
            while (s <= j && (words.get(s).is("of") || words.get(s).isPossessive())) {
                s++;
            }
            if (s > j) {
                return List.of();
            }
            List<Word> np = words.subList(s, j + 1);
            return hasContent(np) ? np : List.of();
        }

        boolean hasContent(List<Word> np) {
            for (Word w : np) {
                if (w.isCapitalized() && !DETERMINERS.contains(w.lower()) || Lexicon.TITLES.contains(w.lower())
                        && !w.is("of")) {
                    return true;
                }
            }
            return false;
        }

        /** The phrase starting at word {@code i}, with an appositive (", North Korea's foreign minister,"). */
        boolean appositiveMayEndAtCue = true;

        NpRef npRight(int i, int hi) {
            int k = i;
            if (k < hi && isPronoun(words.get(k))) {
                return new NpRef(words.subList(k, k + 1), List.of(), k + 1);
            }
            if (k < hi && isDet(words.get(k))) {
                k++;
            }
            while (k < hi && isNpWord(k)) {
                k++;
            }
            while (k > i && (words.get(k - 1).is("of") || words.get(k - 1).isPossessive() && k < hi
                    && !isNpWord(k))) {
                k--;
            }
            List<Word> np = words.subList(i, k);
            if (!hasContent(np)) {
                return null;
            }
            List<Word> app = List.of();
            int end = k;
            if (k + 1 < hi && words.get(k).text().equals(",")) {
                int a = k + 1;
                int e = a;
                while (e < hi && e - a < 14 && !words.get(e).text().equals(",") && !words.get(e).isQuote()
                        && !words.get(e).text().equals(".") && cueAt(e) == null) {
                    e++;
                }
                boolean wholeNp = trimNp(a, e).size() == e - a;
                boolean ends = e >= hi || words.get(e).text().equals(",") || appositiveMayEndAtCue && cueAt(e) != null;
                boolean startsNp = isDet(words.get(a)) || isNpWord(a) || words.get(a).is("who");
                if (e > a && startsNp && (ends || words.get(e).text().equals(".") && wholeNp)) {
                    app = trimNp(a, e);
                    end = e < hi && words.get(e).text().equals(",") ? e + 1 : e;
                    return new NpRef(np, app, end, words.subList(a, e));
                }
                if (e > a && startsNp && words.get(e).text().equals(".")) {
                    // "said Daniel Marsh, the U.S. Special Representative for North Korea.": the role phrase is
                    // not one noun phrase, but it still says whom the speaker works for
                    return new NpRef(np, app, end, words.subList(a, e));
                }
            }
            return new NpRef(np, app, end);
        }

        List<Word> trimNp(int a, int e) {
            int k = a;
            if (k < e && isDet(words.get(k))) {
                k++;
            }
            int s = k;
            while (k < e && isNpWord(k)) {
                k++;
            }
            return k > s ? words.subList(a, k) : List.of();
        }

        /** The subject before a cue at {@code c}: "Kim said", "Ri, the foreign minister, said", "he also said". */
        NpRef subjectLeft(int c, int lo) {
            int j = c - 1;
            int skipped = 0;
            String cueWord = words.get(c).lower();
            boolean participle = cueWord.endsWith("ed") || cueWord.equals("told") || cueWord.equals("said")
                    || cueWord.equals("written") || cueWord.equals("known") || cueWord.equals("thought");
            while (j >= lo && skipped < 6) {
                Word w = words.get(j);
                String l = w.lower();
                if (participle && AUX.contains(l)) {
                    return null; // "he was told that ...": a passive is not the subject's statement
                }
                if (NEGATION_OR_MODAL.contains(l) || l.endsWith("n't") || l.equals("both") || l.equals("jointly")) {
                    return null;
                }
                if (SKIP.contains(l) || !w.isCapitalized() && l.endsWith("ly") && l.length() > 3) {
                    j--;
                    skipped++;
                    continue;
                }
                break;
            }
            if (j < lo) {
                return null;
            }
            Word w = words.get(j);
            if (isPronoun(w)) {
                return new NpRef(words.subList(j, j + 1), List.of(), c);
            }
            if (w.is("who") && j - 2 >= lo && words.get(j - 1).text().equals(",")) {
                // "... hosted by Turkey's Foreign Minister, Mehmet Arslan, who told reporters that ..."
                List<Word> head = npLeft(j - 2, lo);
                return head.isEmpty() ? null : new NpRef(head, List.of(), c);
            }
            if (w.text().equals(",")) {
                for (int p = j - 1; p >= Math.max(lo, j - 16); p--) {
                    if (words.get(p).text().equals(",")) {
                        List<Word> head = p - 1 >= lo && isPronoun(words.get(p - 1)) ? words.subList(p - 1, p)
                                : npLeft(p - 1, lo);
                        if (!head.isEmpty()) {
                            return new NpRef(head, trimNp(p + 1, j), c, words.subList(p + 1, j));
                        }
                        break;
                    }
                    if (words.get(p).isQuote() || words.get(p).text().equals(".")) {
                        break;
                    }
                }
                return null;
            }
            List<Word> np = npLeft(j, lo);
            if (np.isEmpty()) {
                np = describedLeft(j, lo);   // "the company said", "a spokesman for the bank said"
            }
            if (np.isEmpty()) {
                return null;
            }
            int before = indexOf(np.get(0)) - 1;
            if (before - 1 >= lo && (words.get(before).is("and") || words.get(before).is("&"))
                    && (isNpWord(before - 1) || isPronoun(words.get(before - 1)))) {
                return null; // "Moscow and Washington said": a joint statement is nobody's
            }
            return new NpRef(np, List.of(), c);
        }

        boolean negatedOrModal(int c, int lo) {
            for (int j = c - 1; j >= Math.max(lo, c - 4); j--) {
                String l = words.get(j).lower();
                if (NEGATION_OR_MODAL.contains(l) || l.endsWith("n't")) {
                    return true;
                }
                if (!SKIP.contains(l) && !l.endsWith("ly")) {
                    return false;
                }
            }
            return false;
        }

        Speaker resolve(NpRef ref) {
            if (ref == null) {
                return null;
            }
            if (ref.np().size() == 2 && ref.np().get(0).is("the")
                    && (ref.np().get(1).is("latter") || ref.np().get(1).is("former"))) {
                return formerOrLatter(ref.np().get(1).is("latter"), ref.np().get(0).start());
            }
            if (ref.np().size() == 2 && ref.np().get(0).is("the")
                    && (ref.np().get(1).is("country") || ref.np().get(1).is("nation"))) {
                // "the country says": the country named last before it in the paragraph
                String side = mentions.placeSideBefore(ref.np().get(0).start());
                if (side != null) {
                    return new Speaker(registry.sideName(side), side, "context", "role-noun", "the "
                            + ref.np().get(1).text(), null, null, true);
                }
            }
            if (described(ref.np()) && ownedByPhrase(ref.np())) {
                // "a spokesman for the bank": the bank's spokesman, not whoever the article named last
                return resolver.described(para, ref.np(), mentions);
            }
            Speaker s = resolver.resolve(para, ref.np(), ref.appositive(), ref.role(), mentions,
                    ref.np().get(0).start());
            if (s == null && described(ref.np())) {
                s = resolver.described(para, ref.np(), mentions);
            }
            return s;
        }

        /**
         * "the latter" / "the former": the second / first of the last two people named before {@code at} in this
         * paragraph, else in the article; null when fewer than two are known.
         */
        Speaker formerOrLatter(boolean latter, int at) {
            List<Mention> people = new ArrayList<>();
            for (int k = 0; k < mentions.here.size(); k++) {
                Mention m = mentions.hereMentions.get(k);
                if (mentions.here.get(k)[0] < at && !m.institution()) {
                    people.removeIf(o -> o.name().equals(m.name()));
                    people.add(m);
                }
            }
            if (people.size() < 2) {
                for (Mention m : mentions.list) {
                    if (!m.institution() && m.paragraph() < mentions.paragraph) {
                        people.removeIf(o -> o.name().equals(m.name()));
                        people.add(m);
                    }
                }
            }
            if (people.size() < 2) {
                return null;
            }
            Mention m = latter ? people.get(people.size() - 1) : people.get(people.size() - 2);
            Mention cur = mentions.byName(m.name());
            return SpeakerResolver.fromMention(cur == null ? m : cur, latter ? "the latter" : "the former",
                    latter ? "latter" : "former");
        }

        /** "a spokesman for the bank", "an official at the company": a described phrase naming its principal. */
        boolean ownedByPhrase(List<Word> np) {
            for (int i = 1; i + 1 < np.size(); i++) {
                if ((np.get(i).is("for") || np.get(i).is("at") || np.get(i).is("of")) && isDet(np.get(i + 1))) {
                    return true;
                }
            }
            return false;
        }

        /** A phrase {@link #describedLeft} or {@link #describedRight} read: it opens with a determiner. */
        boolean described(List<Word> np) {
            if (np.size() < 2) {
                return false;
            }
            Word last = np.get(np.size() - 1);
            if (last.isCapitalized() && Lexicon.THING_HEADS.contains(last.text()) && !Lexicon.NOT_NAME.contains(
                    np.get(0).text())) {
                return true;   // an organisation the registry does not know: "Japan's Coast Guard"
            }
            boolean possessed = false;
            for (Word w : np) {
                possessed |= w.isPossessive();
            }
            if (possessed && !last.isCapitalized() && np.get(0).isCapitalized()) {
                return true;   // "Miller's son": the son, not Miller
            }
            return isDet(np.get(0)) && !np.get(0).is("his") && !np.get(0).is("her")
                    && !np.get(0).is("its") && !np.get(0).is("their");
        }

        /** Lower-case words that never belong to a described speaker phrase (verbs, function words). */
        boolean phraseStop(Word w) {
            if (w.isQuote() || w.isPunct() || w.isPossessive()) {
                return true;
            }
            String l = w.lower();
            return NOT_MODIFIERS.contains(l) && !l.equals("of") && !l.equals("for") || Lexicon.cue(l) != null
                    || CLAUSE_BREAKS.contains(l) || l.equals("that") || l.equals("this") || l.equals("which")
                    || Character.isDigit(l.charAt(0));
        }

        /**
         * A speaker described by a noun phrase the lexicons do not know, read leftwards from {@code j}: a
         * determiner, up to four words, optionally "for/of/at" and a second such phrase ("the company", "a
         * spokesman for the bank", "the state news agency"); empty if none.
         */
        List<Word> describedLeft(int j, int lo) {
            int i = j;
            int n = 0;
            while (i >= lo && n < 9) {
                Word w = words.get(i);
                if (w.isPossessive() && i < j && i - 1 >= lo && words.get(i - 1).isCapitalized()) {
                    // "Miller's son said": the phrase starts at the owner's name
                    int s0 = i - 1;
                    while (s0 - 1 >= lo && words.get(s0 - 1).isCapitalized() && i - s0 < 4) {
                        s0--;
                    }
                    return Lexicon.NOT_NAME.contains(words.get(s0).text()) ? List.of() : words.subList(s0, j + 1);
                }
                if (isDet(w) || w.is("a") || w.is("an")) {
                    List<Word> np = words.subList(i, j + 1);
                    return np.size() >= 2 && !isDet(words.get(j)) ? np : List.of();
                }
                if (phraseStop(w) && !w.is("for") && !w.is("of") && !w.is("at")) {
                    return List.of();
                }
                i--;
                n++;
            }
            return List.of();
        }

        /** {@link #describedLeft}, read rightwards from {@code i}: "said a spokesman for the bank". */
        NpRef describedRight(int i, int hi) {
            if (i >= hi) {
                return null;
            }
            int k = i + 1;
            if (!isDet(words.get(i))) {
                // "Miller's son", "the minister's aide": a name owning a described person
                int p = i;
                while (p < hi && p - i < 4 && words.get(p).isCapitalized()) {
                    p++;
                }
                if (p == i || p >= hi || !words.get(p).isPossessive() || p + 1 >= hi || phraseStop(words.get(p + 1))
                        || words.get(p + 1).isCapitalized()) {
                    return null;
                }
                k = p + 1;
            }
            int last = -1;
            while (k < hi && k - i < 9) {
                Word w = words.get(k);
                if ((w.is("for") || w.is("of") || w.is("at")) && k + 1 < hi && isDet(words.get(k + 1))) {
                    k += 2;
                    continue;
                }
                if (phraseStop(w) || isDet(w) || PREPOSITIONS.contains(w.lower())) {
                    break;
                }
                last = k;
                k++;
            }
            if (last < 0) {
                return null;
            }
            return new NpRef(words.subList(i, last + 1), List.of(), last + 1);
        }

        // ---------------------------------------------------------------- mentions

        void collectMentions() {
            int sentence = 0;
            for (int i = 0; i < words.size(); i++) {
                while (sentence < sentences.size() && sentences.get(sentence)[1] <= i) {
                    sentence++;
                }
                Word w = words.get(i);
                boolean starts = w.isCapitalized() && !Lexicon.NOT_NAME.contains(w.text()) || isDet(w)
                        && i + 1 < words.size() && words.get(i + 1).isCapitalized();
                if (!starts) {
                    continue;
                }
                NpRef ref = npRight(i, words.size());
                if (ref == null || ref.np().isEmpty()) {
                    continue;
                }
                int sentStart = sentence < sentences.size() ? words.get(sentences.get(sentence)[0]).start() : 0;
                if (remember(ref, sentStart)) {
                    i = ref.end() - 1;   // the name in the appositive is remembered with the role's side
                } else {
                    i += ref.np().size() - 1;
                }
            }
        }

        /** Remembers the phrase's person or institution; true when the name was the appositive's. */
        boolean remember(NpRef ref, int sentStart) {
            List<Word> np = ref.np();
            SpeakerResolver.Parsed p = resolver.parse(para, np, mentions);
            if (p.side() != null) {
                mentions.place(np.get(0).start(), p.side());
            }
            String written = String.join(" ", p.name());
            boolean personOfInstitution = p.institution() != null && p.name().isEmpty()
                    && SpeakerResolver.personTitle(p.title()) && !ref.appositive().isEmpty();
            if (p.institution() != null && !personOfInstitution && (p.name().isEmpty()
                    || registry.actor(written).filter(x -> x.institution()).isPresent())) {
                var a = p.institution();   // "Hamas", "the State Department": for "the group's ...", "it said"
                mentions.add(new Mention(a.name(), p.text(), null, a.side(), "registry", null, true,
                        mentions.paragraph), np.get(0).start(), sentStart);
                return false;
            }
            if (p.name().isEmpty()) {
                if (p.title() == null || p.side() == null || ref.appositive().isEmpty()
                        || ref.appositive().size() > 5 || !ref.appositive().get(0).isCapitalized()) {
                    return false;
                }
                // "North Korea's chief negotiator, Pak Chol Jin, gave ...": the name takes the role's side
                Speaker s = resolve(ref);
                if (s == null || s.institution() || !"name".equals(s.resolution())) {
                    return false;
                }
                mentions.add(new Mention(s.name(), p.text(), s.role(), s.side(), s.sideSource(), s.gender(), false,
                        mentions.paragraph), ref.appositive().get(0).start(), sentStart);
                return true;
            }
            var reg = registry.actor(written).filter(a -> !a.institution());
            if (headline && reg.isEmpty()) {
                return false;   // title case makes any run of words look like a name: only known people count
            }
            Mention known = reg.isPresent() ? null : resolver.matchMention(written, mentions);
            boolean personLike = reg.isPresent() || known != null || p.name().size() >= 2 || p.title() != null;
            if (!personLike || registry.place(written).isPresent()) {
                return false;
            }
            Speaker s = resolver.resolve(para, np, ref.appositive(), ref.role(), mentions, np.get(0).start());
            if (s == null || s.institution()) {
                return false;
            }
            if (known != null && !known.name().equals(s.name())) {
                mentions.list.removeIf(o -> o.name().equals(known.name()));
            }
            mentions.add(new Mention(s.name(), p.text(), s.role(), s.side(), s.sideSource(), s.gender(), false,
                    mentions.paragraph), np.get(0).start(), sentStart);
            return false;
        }

        void rememberSpeaker(Speaker s, int offset) {
            Mention old = mentions.byName(s.name());
            String gender = s.gender() != null ? s.gender() : old == null ? null : old.gender();
            String role = s.role() != null ? s.role() : old == null ? null : old.role();
            String side = !UNKNOWN.equals(s.side()) || old == null ? s.side() : old.side();
            mentions.list.removeIf(o -> o.name().equals(s.name()));
            Mention m = new Mention(s.name(), old != null ? old.surface() : s.mention(), role, side,
                    s.sideSource(), gender, s.institution(), mentions.paragraph);
            mentions.list.add(m);
            mentions.lastSpeaker = s.name();
            if (s.institution()) {
                mentions.hereMentions.add(m);
                mentions.here.add(new int[] {offset, offset});
            }
        }

        // ---------------------------------------------------------------- direct quotations

        void quotesIn(int a, int b) {
            for (int q = a; q < b; q++) {
                if (!words.get(q).isQuote() || embeddedFragment(q, a)) {
                    continue;
                }
                int prevQ = a - 1;
                for (int k = q - 1; k >= a; k--) {
                    if (words.get(k).isQuote()) {
                        prevQ = k;
                        break;
                    }
                }
                int nextQ = b;
                for (int k = q + 1; k < b; k++) {
                    if (words.get(k).isQuote()) {
                        nextQ = k;
                        break;
                    }
                }
                QuoteSpan qs = quotes.get(words.get(q).quote());
                char lastChar = para.charAt(qs.contentEnd() - 1);
                boolean rightFirst = lastChar == ',' || q + 1 < nextQ && (words.get(q + 1).text().equals(",")
                        || words.get(q + 1).text().equals("—") || words.get(q + 1).text().equals("–")
                        || !words.get(q + 1).isCapitalized() && !words.get(q + 1).isPunct());
                Found f = rightFirst ? right(q, nextQ) : left(q, prevQ + 1);
                if (f == null) {
                    f = rightFirst ? left(q, prevQ + 1) : right(q, nextQ);
                }
                if (f == null && prevQ >= a && quoteSpeaker[words.get(prevQ).quote()] != null
                        && onlyGlue(prevQ + 1, q)) {
                    f = new Found(quoteSpeaker[words.get(prevQ).quote()].as("continuation",
                            quoteSpeaker[words.get(prevQ).quote()].mention()), "continuation", null, -1);
                }
                if (f == null) {
                    f = continuation(q);
                }
                if (f == null && spokenSentence(qs)) {
                    f = unframed(q, a);
                }
                if (f == null) {
                    continue;
                }
                quoteSpeaker[words.get(q).quote()] = f.speaker();
                if (f.cueIndex() >= 0) {
                    consumed[f.cueIndex()] = true;
                }
                emit(qs.contentStart(), qs.contentEnd(), true, f.speaker(), f.rule(), f.cue());
                if (!qs.closed()) {
                    openQuoteSpeaker = f.speaker().name();
                }
            }
        }

        /**
         * A quoted fragment inside a reported clause ("X said the gaps remained “significant” and that ..."): it
         * follows a lower-case word of the clause, after a speech cue earlier in the sentence; the reported
         * statement holds it, so it is not a statement of its own.
         */
        boolean embeddedFragment(int q, int a) {
            int k = q - 1;
            if (k <= a) {
                return false;
            }
            Word p = words.get(k);
            if (p.isPunct() || p.isQuote() || p.isCapitalized() || p.is("that") || p.is("and") || p.is("but")
                    || Lexicon.cue(p.text()) != null || OBJECTS.contains(p.lower())) {
                return false;
            }
            QuoteSpan qs = quotes.get(words.get(q).quote());
            if (qs.contentEnd() > qs.contentStart() && Character.isUpperCase(para.charAt(qs.contentStart()))) {
                return false;   // a full quoted sentence, not a fragment
            }
            for (int c = a; c < k; c++) {
                if (words.get(c).isQuote()) {
                    return false;
                }
                Cue cue = Lexicon.cue(words.get(c).text()) == null ? null : cueAt(c);
                if (cue != null && cue.kind() != CueKind.COGNITION && subjectLeft(c, a) != null) {
                    return true;
                }
            }
            return false;
        }

        boolean onlyGlue(int from, int to) {
            for (int k = from; k < to; k++) {
                if (!words.get(k).isPunct()) {
                    return false;
                }
            }
            return true;
        }

        Found continuation(int q) {
            Speaker prevPara = null;
            if (ctx.openQuoteSpeaker() != null) {
                Mention m = mentions.byName(ctx.openQuoteSpeaker());
                prevPara = m != null ? SpeakerResolver.fromMention(m, ctx.openQuoteSpeaker(), "continuation")
                        : new Speaker(ctx.openQuoteSpeaker(), UNKNOWN, "none", "continuation",
                        ctx.openQuoteSpeaker(), null, null, false);
            }
            // a quotation opening the paragraph carries on the open quotation (or "X said:") of the previous one
            if (q == 0 && prevPara != null) {
                return new Found(prevPara.as("continuation", prevPara.mention()), "continuation", null, -1);
            }
            // a paragraph that is only a quotation, with no cue anywhere in its sentence, is by convention the
            // latest speaker's (news style introduces the speaker in the paragraph before)
            if (q == 0) {
                // ... unless the paragraph before introduced a person after that speaker last spoke ("Campbell
                // discussed the feud in Tokyo." then a bare quotation): the person the text just brought in
                Mention last = ctx.lastSpeaker() == null ? null : mentions.byName(ctx.lastSpeaker());
                Mention introduced = null;
                for (int i = ctx.mentions().size() - 1; i >= 0; i--) {
                    Mention c = ctx.mentions().get(i);
                    if (!c.institution() && c.paragraph() == ctx.paragraphs() - 1 && c.name().indexOf(' ') > 0) {
                        introduced = c;
                        break;
                    }
                }
                if (introduced != null && (last == null || last.paragraph() < introduced.paragraph())) {
                    Mention cur = mentions.byName(introduced.name());
                    return new Found(SpeakerResolver.fromMention(cur == null ? introduced : cur, introduced.name(),
                            "continuation"), "continuation", null, -1);
                }
            }
            if (q == 0 && ctx.lastSpeaker() != null) {
                Mention m = mentions.byName(ctx.lastSpeaker());
                if (m != null) {
                    return new Found(SpeakerResolver.fromMention(m, ctx.lastSpeaker(), "continuation"),
                            "continuation", null, -1);
                }
            }
            // a later quotation with no cue in its sentence continues this paragraph's previous speaker
            for (int k = q - 1; k >= 0; k--) {
                if (words.get(k).isQuote() && quoteSpeaker[words.get(k).quote()] != null) {
                    Speaker s = quoteSpeaker[words.get(k).quote()];
                    return new Found(s.as("continuation", s.mention()), "continuation", null, -1);
                }
            }
            return null;
        }

        /** A quotation that reads as speech, not a scare quote or a title: a capitalised clause of 5+ words. */
        boolean spokenSentence(QuoteSpan qs) {
            int from = qs.contentStart();
            int to = qs.contentEnd();
            while (from < to && !Character.isLetter(para.charAt(from))) {
                from++;
            }
            if (from >= to || !Character.isUpperCase(para.charAt(from))) {
                return false;
            }
            int wordsIn = 0;
            for (int i = from; i < to; i++) {
                if (Character.isWhitespace(para.charAt(i))) {
                    wordsIn++;
                }
            }
            return wordsIn >= 4;
        }

        /**
         * The speaker of a quotation with no tag of its own: the latest statement's speaker in this paragraph,
         * else the person the sentence before it is about ("Kiir gave his assurance that ... “I want ...”"),
         * else the article's latest speaker.
         */
        Found unframed(int q, int a) {
            int at = words.get(q).start();
            for (int k = lastSpeakerSpans.size() - 1; k >= 0; k--) {
                if (lastSpeakerSpans.get(k)[0] < at) {
                    Speaker s = lastSpeakers.get(k);
                    return new Found(s.as("unframed-paragraph", s.mention()), "unframed-quote", null, -1);
                }
            }
            for (int k = mentions.here.size() - 1; k >= 0; k--) {
                Mention m = mentions.hereMentions.get(k);
                if (mentions.here.get(k)[0] < at && !m.institution() && m.role() != null || mentions.here.get(k)[0] < at
                        && !m.institution() && m.name().indexOf(' ') > 0) {
                    return new Found(SpeakerResolver.fromMention(mentions.byName(m.name()) == null ? m
                            : mentions.byName(m.name()), m.name(), "unframed-subject"), "unframed-quote", null, -1);
                }
            }
            if (ctx.lastSpeaker() != null) {
                Mention m = mentions.byName(ctx.lastSpeaker());
                if (m != null) {
                    return new Found(SpeakerResolver.fromMention(m, ctx.lastSpeaker(), "unframed-article"),
                            "unframed-quote", null, -1);
                }
            }
            return null;
        }

        record Found(Speaker speaker, String rule, String cue, int cueIndex) {
        }

        /** "“...,” he said" / "“...,” said Ri, the foreign minister" / "“...,” Kim told reporters". */
        Found right(int q, int hi) {
            int k = q + 1;
            while (k < hi && (words.get(k).text().equals(",") || words.get(k).text().equals("—")
                    || words.get(k).text().equals("–") || words.get(k).text().equals("-"))) {
                k++;
            }
            if (k >= hi) {
                return null;
            }
            Cue cue = cueAt(k);
            if (cue != null && cue.kind() != CueKind.COGNITION) {
                NpRef ref = npRight(k + 1, hi);
                if (ref == null) {
                    ref = describedRight(k + 1, hi);   // "“...,” said a spokesman for the bank"
                }
                Speaker s = resolve(ref);
                if (s != null) {
                    return new Found(s, "direct-quote-before-cue", words.get(k).text(), k);
                }
                return null;
            }
            NpRef ref = npRight(k, hi);
            Found f = ref == null ? null : frameAfter(ref, k, hi);
            if (f == null) {
                // "“...,” the company said", "“...,” a spokesman for the bank said", "“...,” Miller's son said"
                NpRef d = describedRight(k, hi);
                f = d == null ? null : frameAfter(d, k, hi);
            }
            return f;
        }

        /** The cue after a speaker phrase that follows a quotation: "“...,” Kim told reporters". */
        Found frameAfter(NpRef ref, int k, int hi) {
            int c = ref.end();
            int skipped = 0;
            while (c < hi && skipped < 5 && (SKIP.contains(words.get(c).lower())
                    || words.get(c).lower().endsWith("ly") && !words.get(c).isCapitalized())) {
                c++;
                skipped++;
            }
            Cue cu = cueAt(c);
            if (cu == null || cu.kind() == CueKind.COGNITION || negatedOrModal(c, k)) {
                return null;
            }
            Speaker s = resolve(ref);
            return s == null ? null : new Found(s, "direct-quote-before-cue", words.get(c).text(), c);
        }

        /** "Kim said, “...”" / "The White House says “...”" / "Kim: “...”" / "According to X, “...”". */
        Found left(int q, int lo) {
            int k = q - 1;
            if (k < lo) {
                return null;
            }
            boolean colon = words.get(k).text().equals(":");
            int coordinated = -1;   // "X said ... and added: “...”": the quote belongs to the nearer verb
            for (int c = k; c >= Math.max(lo, k - 25); c--) {
                Word w = words.get(c);
                if (w.text().equals(".") || w.text().equals(";")) {
                    break;
                }
                if (w.is("according") && c + 1 < q && words.get(c + 1).is("to")) {
                    Speaker s = resolve(npRight(c + 2, q));
                    if (s != null) {
                        return new Found(s, "direct-quote-according-to", "according to", c);
                    }
                }
                Cue cue = cueAt(c);
                if (cue == null || cue.kind() == CueKind.COGNITION && !colon) {
                    continue;
                }
                if (negatedOrModal(c, lo)) {
                    return null;
                }
                NpRef subj = subjectLeft(c, lo);
                Speaker s = resolve(subj);
                if (s == null && subj == null) {
                    s = resolve(npRight(c + 1, q));
                }
                if (s == null && cue.kind() == CueKind.PARTICIPLE) {
                    s = sentenceSpeaker(lo, c);   // "Trump said, adding: “...”"
                }
                if (s != null) {
                    int used = coordinated >= 0 ? coordinated : c;
                    return new Found(s, "direct-quote-after-cue", words.get(used).text(), used);
                }
                if (subj != null) {
                    return null; // a subject nobody can be held to ("both leaders said")
                }
                if (coordinated < 0 && c - 1 >= lo && (words.get(c - 1).is("and") || words.get(c - 1).is("but"))) {
                    coordinated = c;
                }
            }
            if (colon && k - 1 >= lo) {
                List<Word> np = npLeft(k - 1, lo);
                if (!np.isEmpty()) {
                    Speaker s = resolve(new NpRef(np, List.of(), k));
                    if (s != null) {
                        return new Found(s, "direct-quote-colon", ":", -1);
                    }
                }
            }
            return null;
        }

        // ---------------------------------------------------------------- reported speech

        void reportedIn(int a, int b) {
            for (int c = a; c < b; c++) {
                if (consumed[c]) {
                    continue;
                }
                Word w = words.get(c);
                if (w.is("according") && c + 1 < b && words.get(c + 1).is("to")) {
                    accordingTo(c, a, b);
                    continue;
                }
                if (c + 1 < b && COMMUNICATION_NOUNS.contains(w.lower()) && (words.get(c + 1).is("that")
                        || words.get(c + 1).is("for") || words.get(c + 1).is("to")) && communicationNoun(c, a, b)) {
                    continue;
                }
                if (Lexicon.cue(w.text()) == null) {
                    continue;
                }
                Cue cue = cueAt(c);
                if (cue == null) {
                    continue;
                }
                reported(c, cue, a, b);
            }
        }

        /** Where a reported clause ends: before ", as ...", ", raising ...", ", a day after ...", or the sentence end. */
        int reportedEnd(int c, int a, int b) {
            for (int k = c + 2; k < b; k++) {
                // a quotation someone else's rule attributed ends the reported clause before it
                if (words.get(k).isQuote() && quoteSpeaker[words.get(k).quote()] != null) {
                    int e = k - 1;
                    while (e > c && words.get(e).isPunct()) {
                        e--;
                    }
                    return words.get(e).end();
                }
            }
            for (int k = c + 2; k + 1 < b; k++) {
                // "said A, but warned that B": a second cue of the same subject starts a second statement
                if ((words.get(k).is("and") || words.get(k).is("but")) && Lexicon.cue(words.get(k + 1).text()) != null
                        && cueAt(k + 1) != null) {
                    int e = k - 1;
                    while (e > c && words.get(e).isPunct()) {
                        e--;
                    }
                    return words.get(e).end();
                }
                if (!words.get(k).text().equals(",")) {
                    continue;
                }
                Word nx = words.get(k + 1);
                String l = nx.lower();
                boolean brk = CLAUSE_BREAKS.contains(l) || !nx.isCapitalized() && l.endsWith("ing") && l.length() > 5
                        && Lexicon.cue(l) != null
                        || l.equals("a") && k + 2 < b && (words.get(k + 2).is("day") || words.get(k + 2).is("week"));
                if (brk) {
                    return words.get(k - 1).end();
                }
            }
            return sentenceEndChar(a, b);
        }

        int sentenceEndChar(int a, int b) {
            int e = b - 1;
            while (e > a && words.get(e).isPunct() && !words.get(e).text().equals(")")) {
                e--;
            }
            return words.get(e).end();
        }

        /** "said that", "told reporters that", "said on Tuesday that": a complement clause follows. */
        boolean hasThatSoon(int c, int b) {
            for (int k = c + 1; k < Math.min(b, c + 5); k++) {
                Word w = words.get(k);
                if (w.is("that")) {
                    return true;
                }
                if (!SKIP.contains(w.lower()) && !OBJECTS.contains(w.lower())) {
                    return false;
                }
            }
            return false;
        }

        void reported(int c, Cue cue, int a, int b) {
            String base = cue.base();
            boolean that = hasThatSoon(c, b);
            if (cue.kind() == CueKind.COGNITION && !(c + 1 < b && words.get(c + 1).is("that"))) {
                return;
            }
            if (Lexicon.WEAK.contains(base) && !that && !headline && !(base.equals("call") && quotationSoon(c))) {
                // a weak verb reports only in the trailing form: "Talks will resume, the minister added."
                NpRef t = negatedOrModal(c, a) ? null : subjectLeft(c, a);
                if (t != null && c + 1 < b && (words.get(c + 1).isPunct() || PREPOSITIONS.contains(words.get(c + 1)
                        .lower())) && b - c <= 7) {
                    int subjStart = indexOf(t.np().get(0));
                    Speaker s = subjStart - 1 > a + 2 && words.get(subjStart - 1).text().equals(",") ? resolve(t) : null;
                    if (s != null) {
                        emit(words.get(a).start(), words.get(subjStart - 2).end(), false, s,
                                "reported-clause-before-cue", words.get(c).text());
                    }
                }
                return;
            }
            if (base.equals("describe") && !followedBy(c, b, "as", 10)) {
                return;
            }
            Word w = words.get(c);
            CueKind kind = cue.kind();
            if (kind == CueKind.PARTICIPLE && c > a && AUX.contains(words.get(c - 1).lower())) {
                kind = CueKind.FINITE;
            }
            if (kind == CueKind.PARTICIPLE) {
                if (c == a || isDet(words.get(c - 1)) || words.get(c - 1).is("of") || words.get(c - 1).is("by")
                        || words.get(c - 1).is("for") || words.get(c - 1).is("after") || words.get(c - 1).is("before")
                        || words.get(c - 1).is("without") || words.get(c - 1).is("while")) {
                    return;
                }
                Speaker s = sentenceSpeaker(a, c);
                if (s == null && !words.get(c - 1).isPunct()) {
                    List<Word> np = npLeft(c - 1, a);   // "with a senior diplomat saying ..."
                    if (!np.isEmpty()) {
                        s = resolve(new NpRef(np, List.of(), c));
                    }
                }
                for (int i = a; i < c && s == null; i++) {
                    Word x = words.get(i);
                    if (x.isQuote() || isDateline(i)) {
                        continue;
                    }
                    if (isPronoun(x) || x.isCapitalized() && !Lexicon.NOT_NAME.contains(x.text())
                            || isDet(x) && i + 1 < c && isNpWord(i + 1)) {
                        NpRef ref = npRight(i, c);
                        if (ref != null) {
                            s = resolve(ref);
                            if (s == null) {
                                return;   // a joint or plural subject: nobody's statement
                            }
                            i = ref.end() - 1;
                        }
                    }
                }
                if (s != null) {
                    int end = reportedEnd(c, a, b);
                    if (wordsBetween(c, end) >= 2) {
                        emit(w.start(), end, false, s, "reported-participle", w.text());
                    }
                }
                return;
            }
            if (negatedOrModal(c, a)) {
                return;
            }
            NpRef subj = subjectLeft(c, a);
            int end = reportedEnd(c, a, b);
            if (subj == null) {
                List<Speaker> joint = jointSubject(c, a);
                if (joint == null) {
                    joint = bothSubject(c, a);
                }
                if (joint != null) {
                    // "Armenia and Azerbaijan accused each other ...": one statement per speaker (a joint
                    // statement is each of theirs)
                    if (wordsBetween(c, end) >= 2) {
                        int before = out.size();
                        for (Speaker js : joint) {
                            emit(w.start(), end, false, js, "reported-joint", w.text(), before);
                        }
                    }
                    return;
                }
            }
            if (subj == null && c - 1 > a && (words.get(c - 1).is("and") || words.get(c - 1).is("but"))) {
                Speaker shared = sentenceSpeaker(a, c);   // "X said A, but warned that B"
                if (shared == null) {
                    shared = sentenceSubject(a, c - 1);   // "Sweden's foreign ministry hosted the talks and said"
                }
                if (shared != null && wordsBetween(c, end) >= 2) {
                    emit(w.start(), end, false, shared, that ? "reported-said-that" : "reported-cue", w.text());
                }
                return;
            }
            if (subj == null) {
                // "..., said Kim." — the clause before the comma is the statement
                if (c - 1 > a && words.get(c - 1).text().equals(",")) {
                    NpRef after = npRight(c + 1, b);
                    Speaker s = resolve(after);
                    if (s != null && after.end() >= b - 3) {
                        emit(words.get(a).start(), words.get(c - 2).end(), false, s, "reported-clause-before-cue",
                                w.text());
                    }
                }
                return;
            }
            Speaker s = resolve(subj);
            if (s == null) {
                return;
            }
            int subjStart = indexOf(subj.np().get(0));
            boolean trailing = subjStart - 1 > a + 2 && words.get(subjStart - 1).text().equals(",") && !that
                    && b - c <= 7 && (c + 1 >= b || words.get(c + 1).isPunct()
                    || PREPOSITIONS.contains(words.get(c + 1).lower()));
            if (trailing) {
                int clauseEnd = subjStart - 2;
                emit(words.get(a).start(), words.get(clauseEnd).end(), false, s, "reported-clause-before-cue",
                        w.text());
                return;
            }
            int from = w.start();
            if (c - 1 >= a && words.get(c - 1).lower().endsWith("ly") && !words.get(c - 1).isCapitalized()) {
                from = words.get(c - 1).start();
            }
            if (wordsBetween(c, end) < 2 && Lexicon.MEANING.contains(base) && subjStart - 2 >= a
                    && CHARGE_NOUNS.contains(words.get(subjStart - 1).lower()) && (isDet(words.get(subjStart - 2))
                    || words.get(subjStart - 2).is("a") || words.get(subjStart - 2).is("an"))) {
                // "..., a charge Doha denied": the denial of that charge
                emit(words.get(subjStart - 2).start(), w.end(), false, s, "reported-charge-denied", w.text());
                return;
            }
            if (wordsBetween(c, end) >= 2) {
                emit(from, end, false, s, headline ? "headline" : that ? "reported-said-that" : "reported-cue",
                        w.text());
            }
        }

        /**
         * A communication noun with its content: "Kiir gave his assurance that ...", "Beijing's demand that ...",
         * "Moscow repeated its warning that ...": the speaker is the possessor, or the subject of a light verb
         * (gave, issued, made, repeated, ...) whose object the noun is. The span starts at the noun.
         */
        boolean communicationNoun(int c, int a, int b) {
            Speaker s = null;
            Word before = c - 1 >= a ? words.get(c - 1) : null;
            if (before != null && before.isPossessive() && c - 2 >= a) {
                List<Word> np = npLeft(c - 2, a);   // "Beijing's demand that"
                if (!np.isEmpty()) {
                    s = resolve(new NpRef(np, List.of(), c));
                }
            } else if (before != null && (isDet(before) || before.is("a") || before.is("an")) && c - 2 >= a
                    && LIGHT_VERBS.contains(words.get(c - 2).lower())) {
                NpRef subj = subjectLeft(c - 2, a);   // "Kiir gave his assurance that"
                s = subj == null || negatedOrModal(c - 2, a) ? null : resolve(subj);
            }
            if (s == null) {
                return false;
            }
            int end = reportedEnd(c, a, b);
            if (wordsBetween(c, end) >= 3) {
                emit(words.get(c).start(), end, false, s, "reported-noun", words.get(c).text());
                return true;
            }
            return false;
        }

        void accordingTo(int c, int a, int b) {
            appositiveMayEndAtCue = false;
            NpRef ref = npRight(c + 2, b);
            appositiveMayEndAtCue = true;
            if (ref == null) {
                return;
            }
            if (ref.role().size() > ref.appositive().size()) {
                // "According to X, the exchange of prisoners will ..., starting with ...": that is the statement,
                // not an appositive of X
                ref = new NpRef(ref.np(), List.of(), indexOf(ref.np().get(ref.np().size() - 1)) + 1);
            }
            Speaker s = resolve(ref);
            if (s == null) {
                return;
            }
            int end = sentenceEndChar(a, b);
            boolean leading = c == a || c - 1 == a && (words.get(a).isPunct() || words.get(a).is("but")
                    || words.get(a).is("and"));
            if (leading) {
                int k = ref.end();
                while (k < b && (words.get(k).text().equals(",") || !words.get(k).isPunct() && k < ref.end() + 4
                        && !isNpStart(k) && k == ref.end())) {
                    k++;
                }
                if (k < b && words.get(k - 1).text().equals(",") && k < b) {
                    emit(words.get(k).start(), end, false, s, "according-to", "according to");
                }
            } else {
                int e = c - 1;
                while (e > a && words.get(e).isPunct()) {
                    e--;
                }
                if (e > a) {
                    emit(words.get(a).start(), words.get(e).end(), false, s, "according-to", "according to");
                }
            }
        }

        /**
         * The subject of a sentence "X verb ... and said": the phrase opening the sentence, followed by a
         * lower-case verb, with no comma, quotation or other cue before {@code to}; null otherwise.
         */
        Speaker sentenceSubject(int a, int to) {
            int s = a;
            while (s < to && (isDateline(s) || words.get(s).isPunct())) {
                s++;
            }
            if (s >= to || !isNpStart(s) || isPronoun(words.get(s))) {
                return null;
            }
            NpRef head = npRight(s, to);
            if (head == null || !head.appositive().isEmpty() || head.end() >= to) {
                return null;
            }
            Word verb = words.get(head.end());
            if (verb.isCapitalized() || verb.isPunct() || verb.isQuote() || verb.is("and") || verb.is("or")) {
                return null;
            }
            for (int k = head.end(); k < to; k++) {
                Word w = words.get(k);
                if (w.isPunct() || w.isQuote() || Lexicon.cue(w.text()) != null) {
                    return null;
                }
            }
            return resolve(head);
        }

        /** The speaker of a statement already found earlier in this sentence ("X said, adding that ..."). */
        Speaker sentenceSpeaker(int a, int c) {
            int from = words.get(a).start();
            int to = words.get(c).start();
            Speaker found = null;
            for (int k = a; k < c; k++) {
                if (words.get(k).isQuote() && quoteSpeaker[words.get(k).quote()] != null) {
                    found = quoteSpeaker[words.get(k).quote()];
                }
            }
            if (found == null) {
                for (int k = lastSpeakers.size() - 1; k >= 0; k--) {
                    int[] span = lastSpeakerSpans.get(k);
                    if (span[0] >= from && span[0] < to) {
                        found = lastSpeakers.get(k);
                        break;
                    }
                }
            }
            return found;
        }

        /** "SEOUL —", "KYIV (Reuters) -": an all-capitals place at the paragraph's start is a dateline. */
        boolean isDateline(int i) {
            Word w = words.get(i);
            return w.start() < 40 && w.text().length() > 1 && w.text().equals(w.text().toUpperCase(java.util.Locale.ROOT))
                    && Character.isLetter(w.text().charAt(0)) && registry.place(w.text()).isEmpty()
                    && (i + 1 < words.size() && (words.get(i + 1).isPunct() || words.get(i + 1).isCapitalized()));
        }

        boolean followedBy(int c, int b, String word, int within) {
            for (int k = c + 1; k < Math.min(b, c + within); k++) {
                if (words.get(k).is(word)) {
                    return true;
                }
            }
            return false;
        }

        boolean isNpStart(int k) {
            return isNpWord(k) || isDet(words.get(k));
        }

        /**
         * A transcript turn: "SECRETARY KERRY: Well, thank you ..." — an upper-case speaker label of at most six
         * words and a colon open the paragraph; the rest is the speaker's own words (direct, as the labelling
         * rules count a turn), an interpreter's note "(Via interpretation)" skipped.
         */
        void transcriptTurn() {
            int k = 0;
            while (k < words.size() && k < 7 && !words.get(k).text().equals(":")) {
                Word w = words.get(k);
                String t = w.text();
                if (w.isQuote() || w.isPunct() && !t.equals(".") || t.length() > 1 && !t.equals(t.toUpperCase(
                        java.util.Locale.ROOT)) || !Character.isLetter(t.charAt(0)) && !t.equals(".")) {
                    return;
                }
                k++;
            }
            if (k == 0 || k >= words.size() - 2 || !words.get(k).text().equals(":")) {
                return;
            }
            // "FOREIGN MINISTER LAVROV" -> "Foreign Minister Lavrov": read as a speaker phrase
            StringBuilder label = new StringBuilder();
            for (int i = 0; i < k; i++) {
                String t = words.get(i).text();
                label.append(i == 0 ? "" : " ").append(t.charAt(0)).append(t.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            List<Word> np = Words.scan(label.toString(), label.length(), List.of());
            Speaker sp = resolver.resolve(label.toString(), np, List.of(), mentions, 0);
            if (sp == null || k < 2 && UNKNOWN.equals(sp.side())) {
                return;   // "NOTE:", "UPDATE:": a one-word label nobody knows is not a speaker
            }
            int from = k + 1;
            if (from < words.size() && words.get(from).text().equals("(")) {
                while (from < words.size() && !words.get(from).text().equals(")")) {
                    from++;
                }
                from++;
            }
            if (from >= words.size() || !words.get(from).isCapitalized() && !words.get(from).isQuote()) {
                return;   // a turn starts a sentence
            }
            int end = sentenceEndChar(from, words.size());
            Speaker turn = sp.as("transcript", label.toString());
            emit(words.get(from).start(), end, true, turn, "transcript-turn", ":");
        }

        /** "Trump told reporters:" ending a paragraph introduces the quotation that opens the next one. */
        void introducedQuotation() {
            int k = words.size() - 1;
            if (k < 2 || !words.get(k).text().equals(":") || openQuoteSpeaker != null) {
                return;
            }
            int lo = sentences.isEmpty() ? 0 : sentences.get(sentences.size() - 1)[0];
            for (int c = k - 1; c >= Math.max(lo, k - 8); c--) {
                Cue cue = cueAt(c);
                if (cue != null && cue.kind() != CueKind.COGNITION && !negatedOrModal(c, lo)) {
                    NpRef subj = subjectLeft(c, lo);
                    Speaker s = subj != null ? resolve(subj) : resolve(npRight(c + 1, k));
                    if (s != null) {
                        openQuoteSpeaker = s.name();
                        rememberSpeaker(s, words.get(c).start());
                    }
                    return;
                }
            }
        }

        /** The speakers a headline phrase names ("Trump", "South Sudan Rebels", "Kerry, Lavrov"), or empty. */
        List<Speaker> headlineSpeakers(int from, int to) {
            List<Speaker> found = new ArrayList<>();
            int s = from;
            for (int k = from; k <= to; k++) {
                if (k == to || words.get(k).text().equals(",") || words.get(k).is("and") || words.get(k).is("&")) {
                    if (k == s) {
                        return List.of();
                    }
                    List<Word> np = words.subList(s, k);
                    Speaker sp = resolve(new NpRef(np, List.of(), k));
                    if (sp == null || UNKNOWN.equals(sp.side()) && !"name".equals(sp.resolution())) {
                        return List.of();
                    }
                    found.add(sp);
                    s = k + 1;
                }
            }
            return found;
        }

        void headlineColon() {
            for (int k = 1; k < Math.min(words.size() - 1, 9); k++) {
                if (words.get(k).text().equals(":")) {
                    List<Speaker> joint = headlineSpeakers(0, k);
                    if (joint.size() > 1 && k + 1 < words.size() && !words.get(k + 1).isQuote()) {
                        int before = out.size();   // "Kerry, Lavrov: ...": each of theirs
                        for (Speaker sp : joint) {
                            emit(words.get(k + 1).start(), sentenceEndChar(k + 1, words.size()), false, sp,
                                    "headline", ":", before);
                        }
                        return;
                    }
                    List<Word> np = npLeft(k - 1, 0);
                    if (!np.isEmpty() && indexOf(np.get(0)) == 0) {
                        Speaker s = resolve(new NpRef(np, List.of(), k));
                        if (s != null && k + 1 < words.size() && !words.get(k + 1).isQuote()) {
                            emit(words.get(k + 1).start(), sentenceEndChar(k + 1, words.size()), false, s,
                                    "headline", ":");
                        }
                    }
                    return;
                }
            }
        }

        int wordsBetween(int c, int endChar) {
            int count = 0;
            for (int k = c + 1; k < words.size() && words.get(k).start() < endChar; k++) {
                if (!words.get(k).isPunct()) {
                    count++;
                }
            }
            return count;
        }

        int indexOf(Word w) {
            int lo = 0;
            int hi = words.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int s = words.get(mid).start();
                if (s < w.start()) {
                    lo = mid + 1;
                } else if (s > w.start()) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return 0;
        }

        /** Heads of "the two men said" that refer back to two people (or two parties) named just before. */
        static final java.util.Set<String> PAIR_HEADS = java.util.Set.of("men", "women", "leaders", "ministers",
                "presidents", "officials", "diplomats", "sides", "countries", "governments", "delegations");

        /**
         * "Both said", "Both men said", "The two leaders said" opening a sentence: the last two speakers this
         * paragraph named before the sentence ("Amr met his counterpart, Tedros Adhanom. Both said ..."), one
         * statement each; null when the subject is anything else or the paragraph named fewer than two.
         */
        List<Speaker> bothSubject(int c, int a) {
            int n0 = c - a;
            boolean pair = n0 == 1 && words.get(a).is("both")
                    || n0 == 2 && words.get(a).is("both") && PAIR_HEADS.contains(words.get(a + 1).lower())
                    || n0 == 3 && words.get(a).is("the") && words.get(a + 1).is("two")
                    && PAIR_HEADS.contains(words.get(a + 2).lower());
            if (!pair) {
                return null;
            }
            int before = words.get(a).start();
            List<Speaker> found = new ArrayList<>();
            for (int i = mentions.here.size() - 1; i >= 0 && found.size() < 3; i--) {
                if (mentions.here.get(i)[0] >= before) {
                    continue;
                }
                Mention m = mentions.hereMentions.get(i);
                Mention cur = mentions.byName(m.name());
                Speaker sp = SpeakerResolver.fromMention(cur == null ? m : cur, words.get(a).text(), "joint-pair");
                if (found.stream().noneMatch(f -> f.name().equals(sp.name()))) {
                    found.add(sp);
                }
            }
            if (found.size() < 2) {
                return null;
            }
            List<Speaker> two = new ArrayList<>(found.subList(0, 2));
            java.util.Collections.reverse(two);
            return two;
        }

        /**
         * The speakers of a coordinated subject before the cue at {@code c}: "Kiir and Machar said", "Saudi
         * Arabia, the UAE and Egypt accused", "Both Moscow and Washington said"; null unless every conjunct
         * resolves to a speaker and there are at least two.
         */
        List<Speaker> jointSubject(int c, int lo) {
            int j = c - 1;
            int skipped = 0;
            while (j >= lo && skipped < 6) {
                String l = words.get(j).lower();
                if (NEGATION_OR_MODAL.contains(l) || l.endsWith("n't")) {
                    return null;
                }
                if (SKIP.contains(l) || !words.get(j).isCapitalized() && l.endsWith("ly") && l.length() > 3) {
                    j--;
                    skipped++;
                    continue;
                }
                break;
            }
            String cl = words.get(c).lower();
            if (j >= lo && AUX.contains(words.get(j).lower()) && (cl.endsWith("ed") || cl.equals("told"))) {
                return null;   // a passive
            }
            List<List<Word>> conjuncts = new ArrayList<>();
            boolean sawAnd = false;
            while (j >= lo && conjuncts.size() < 6) {
                if (isPronoun(words.get(j))) {
                    return null;
                }
                List<Word> np = npLeft(j, lo);
                if (np.isEmpty()) {
                    return null;
                }
                conjuncts.add(np);
                int k = indexOf(np.get(0)) - 1;
                while (k >= lo && isDet(words.get(k))) {
                    k--;
                }
                if (k >= lo && words.get(k).is("and")) {
                    sawAnd = true;
                    k--;
                    if (k >= lo && words.get(k).text().equals(",")) {
                        k--;
                    }
                } else if (k >= lo && words.get(k).text().equals(",") && !sawAnd && conjuncts.size() == 1) {
                    return null;   // "..., X said": one speaker after a clause
                } else if (k >= lo && words.get(k).text().equals(",") && sawAnd) {
                    k--;
                } else {
                    break;
                }
                j = k;
            }
            if (!sawAnd || conjuncts.size() < 2) {
                return null;
            }
            // the subject opens its clause: "Officials close to the talks between A and B say" is not A's and B's;
            // "..., blockade of Qatar, Iran and Turkey promised": the list after the clause's last comma
            while (true) {
                int k = indexOf(conjuncts.get(conjuncts.size() - 1).get(0)) - 1;
                while (k >= lo && (isDet(words.get(k)) || words.get(k).is("both"))) {
                    k--;
                }
                if (k < lo || words.get(k).isPunct() || words.get(k).is("but") || words.get(k).is("and")
                        || isDateline(k)) {
                    break;
                }
                if (conjuncts.size() <= 2) {
                    return null;
                }
                conjuncts.remove(conjuncts.size() - 1);
            }
            List<Speaker> out = new ArrayList<>();
            for (int i = conjuncts.size() - 1; i >= 0; i--) {
                List<Word> np = conjuncts.get(i);
                Speaker s = resolve(new NpRef(np, List.of(), c));
                if (s == null) {
                    return null;
                }
                for (Speaker o : out) {
                    if (o.name().equals(s.name())) {
                        return null;
                    }
                }
                out.add(s);
            }
            return out;
        }

        void emit(int start, int end, boolean direct, Speaker s, String rule, String cue) {
            emit(start, end, direct, s, rule, cue, out.size());
        }

        /** Emits unless the span overlaps one of the first {@code checkUpTo} statements found. */
        void emit(int start, int end, boolean direct, Speaker s, String rule, String cue, int checkUpTo) {
            if (end <= start) {
                return;
            }
            for (Attribution o : out.subList(0, checkUpTo)) {
                if (start < o.end() && o.start() < end) {
                    return; // a span already attributed (a quotation inside a reported clause) is not doubled
                }
            }
            Map<String, String> ev = new LinkedHashMap<>();
            ev.put("rule", rule);
            if (cue != null) {
                ev.put("cue", cue);
            }
            ev.put("speakerMention", s.mention());
            ev.put("speakerResolution", s.resolution());
            ev.put("sideSource", UNKNOWN.equals(s.side()) ? "none" : s.sideSource());
            String name = SpeakerNames.canonical(registry, s.name());
            String side = s.side();
            if (UNKNOWN.equals(side) && !name.equals(s.name()) && registry.place(name).isPresent()) {
                side = registry.place(name).get();   // "the Trump administration" is the United States
                ev.put("sideSource", "principal");
            }
            out.add(new Attribution(para.substring(start, end), start, end, direct, name, side, ev));
            lastSpeakers.add(s);
            lastSpeakerSpans.add(new int[] {start, end});
            rememberSpeaker(s, start);
        }
    }
}
