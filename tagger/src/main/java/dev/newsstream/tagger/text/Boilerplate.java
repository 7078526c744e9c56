package dev.newsstream.tagger.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tells body paragraphs from page furniture in plain-text article blocks (see {@link ArticleText}): newsletter
 * prompts, "* indicates required", opinion disclaimers, share and comment widgets, "You may also like", author
 * names and bios, image captions and credits, link lists, and short headings.
 *
 * <p>Signals, cheapest first: known furniture phrases (the resource {@code boilerplate-phrases.txt}, applied only
 * to short blocks so a long body paragraph that mentions "subscribe" survives), image-credit markers, caption
 * wording, author-bio shape, links and e-mail addresses, then shape alone: a block of a few words with no
 * sentence-final punctuation is a heading (reason {@value #HEADING}, which callers may keep as metadata), and a
 * longer block with almost no stop words and no sentence end is a list (menus, tag clouds). The rules are
 * deliberately biased towards keeping text: a block that ends like a sentence and reads like prose is body, which
 * is why a one-sentence quote paragraph such as {@code "We will not back down," she said.} is never dropped.
 *
 * <p>The title (block 0) is not this class's business: callers take it as the title before classifying.
 *
 * <p>Immutable and thread-safe; build one with {@link #defaults()} and share it.
 */
public final class Boilerplate {

    /** Reason of a short heading such as "Hanoi Summit": not published, but worth keeping as section metadata. */
    public static final String HEADING = "heading";
    /** Reason of a person-name line right before that person's bio. */
    public static final String AUTHOR_NAME = "author-name";
    /** Reason of a heading-shaped line with no body paragraph after it (widget titles at the foot of a page). */
    public static final String FURNITURE = "furniture";

    /** Phrase rules only look at blocks up to this many words: furniture is short, prose is long. */
    static final int PHRASE_MAX_WORDS = 60;
    private static final int HEADING_MAX_WORDS = 10;

    private static final String RESOURCE = "boilerplate-phrases.txt";

    private static final Pattern CREDIT = Pattern.compile(
            "(?:^|[/|(\\[–—]\\s*|[.!?]\\s+)(?:photo(?:graph)?s?|images?|img|pictures?|pics?|credits?|courtesy|"
                    + "file photo|video|illustration|graphic)\\s*(?:by|credit)?\\s*:"
                    + "|\\b(?:getty images|shutterstock|afp via getty|ap photo|reuters/|epa-efe|xinhua via|"
                    + "photo courtesy|image courtesy)\\b|\\((?:photo|photograph|image) by\\b"
                    + "|\\((?:reuters|ap|afp|getty|epa|photo|file)(?: photo)?\\)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CAPTION_WORDING = Pattern.compile(
            "\\b(?:is|are|was|were) (?:displayed|pictured|photographed) (?:in|at|on|during|for|with|after|before|"
                    + "outside|inside|near|as|while|alongside|next|by)\\b"
                    + "|\\(pictured\\)|, pictured\\b|^pictured\\b|\\bpictured (?:left|right|above|below|here)\\b"
                    + "|\\bposes? for\\b|\\((?:left|right|centre|center|l-r|r-l|top|bottom)\\)|\\bfile photo\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AUTHOR_ROLE = Pattern.compile(
            "^\\p{Lu}[\\p{L}.'’-]+(?: \\p{Lu}[\\p{L}.'’-]+){1,3} (?:is|was) (?:a|an|the) (?:[\\p{L}-]+ ){0,4}"
                    + "(?:reporter|correspondent|journalist|writer|editor|intern|fellow|analyst|researcher|"
                    + "contributor|columnist|student|author|producer|blogger|freelancer)s?\\b");
    private static final Pattern BYLINE = Pattern.compile("^(?:By|BY) \\p{Lu}[\\p{L}.'’-]+(?: [\\p{L}.'’-]+){0,5}$");
    private static final Pattern LINK = Pattern.compile(
            "https?://|\\bwww\\.|[\\w.+-]+@[\\w-]+\\.[\\w.]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPEECH = Pattern.compile("\\b(?:said|says|told|asked|added)\\b|[\"“”]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SPEECH_VERB = Pattern.compile(
            "\\b(?:said|says|told|asked|added|according to)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PERSON_NAME = Pattern.compile("^\\p{Lu}[\\p{L}.'’-]+(?: \\p{Lu}[\\p{L}.'’-]+){1,3}$");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
            "as", "into", "about", "over", "after", "before", "than", "that", "this", "these", "those", "it", "its",
            "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
            "would", "can", "could", "should", "may", "might", "must", "not", "no", "he", "she", "they", "we",
            "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "us", "me", "who", "which",
            "what", "when", "where", "why", "how", "there", "here", "said", "says", "so", "also", "all", "more");
    /** Finite verbs and auxiliaries that make a short line a clause rather than a heading. */
    private static final Set<String> COMMON_VERBS = Set.of(
            "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will", "would",
            "can", "could", "should", "may", "might", "must", "said", "says", "say", "told", "tells", "went", "goes",
            "came", "comes", "made", "makes", "got", "gets", "took", "takes", "wants", "wanted", "agreed", "agrees");

    /**
     * What {@link #classify} found.
     *
     * @param boilerplate true for page furniture (and headings), false for a body paragraph
     * @param reason      a short machine-friendly reason such as "newsletter", "caption" or {@value #HEADING};
     *                    null for body
     */
    public record Verdict(boolean boilerplate, String reason) {
        public static final Verdict BODY = new Verdict(false, null);

        public static Verdict furniture(String reason) {
            return new Verdict(true, Objects.requireNonNull(reason, "reason"));
        }

        /** True for a short section heading, which callers may keep as metadata rather than discard. */
        public boolean heading() {
            return HEADING.equals(reason);
        }
    }

    private record Rule(String reason, Pattern pattern) {
    }

    private static final class Holder {
        static final Boilerplate DEFAULTS = load();
    }

    private final List<Rule> rules;

    private Boilerplate(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The classifier with the bundled phrase list (loaded once per JVM). */
    public static Boilerplate defaults() {
        return Holder.DEFAULTS;
    }

    /**
     * A classifier with phrase rules read from {@code in} (format: see the bundled resource) instead of the
     * bundled ones; the shape rules are the same.
     */
    public static Boilerplate withPhrases(InputStream in, String sourceName) throws IOException {
        return new Boilerplate(parse(in, sourceName));
    }

    private static Boilerplate load() {
        try (InputStream in = Boilerplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath next to "
                        + Boilerplate.class.getName() + "; the tagger jar is incomplete, rebuild it");
            }
            return new Boilerplate(parse(in, RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static List<Rule> parse(InputStream in, String sourceName) throws IOException {
        List<Rule> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(": ");
            if (colon <= 0) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": expected \"reason: regex\" but"
                        + " found \"" + trimmed + "\"");
            }
            String reason = trimmed.substring(0, colon).strip();
            String regex = trimmed.substring(colon + 2).strip();
            try {
                out.add(new Rule(reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": bad regex for reason "
                        + reason + ": " + e.getDescription() + " near index " + e.getIndex(), e);
            }
        }
        return out;
    }

    /** Classifies one block on its own (no neighbours): see the class comment for the rules. */
    public Verdict classify(String block) {
        String text = block == null ? "" : block.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return Verdict.furniture("empty");
        }
        String[] words = text.split(" ");
        int n = words.length;
        boolean sentenceEnd = endsLikeSentence(text);
        // reported speech in a full sentence is news, whatever phrases it contains ("... does not necessarily
        // reflect the views of the government, a spokesman said."): furniture never quotes anyone
        boolean reportedSpeech = n >= 12 && sentenceEnd && SPEECH_VERB.matcher(text).find();
        if (n <= PHRASE_MAX_WORDS && !reportedSpeech) {
            for (Rule rule : rules) {
                if (rule.pattern().matcher(text).find()) {
                    return Verdict.furniture(rule.reason());
                }
            }
            if (CREDIT.matcher(text).find()) {
                return Verdict.furniture("caption");
            }
            if (n <= 40 && CAPTION_WORDING.matcher(text).find() && !SPEECH.matcher(text).find()) {
                return Verdict.furniture("caption");
            }
            if (AUTHOR_ROLE.matcher(text).find() && !SPEECH.matcher(text).find()) {
                return Verdict.furniture("author-bio");
            }
        }
        if (n <= 8 && BYLINE.matcher(text).matches()) {
            return Verdict.furniture("byline");
        }
        if (n <= 25 && LINK.matcher(text).find()) {
            return Verdict.furniture("link");
        }
        if (!sentenceEnd && n <= HEADING_MAX_WORDS) {
            return Verdict.furniture(hasVerb(words) ? "fragment" : HEADING);
        }
        if (!sentenceEnd && n >= 8 && stopWordRatio(words) < 0.1) {
            return Verdict.furniture("list");
        }
        return Verdict.BODY;
    }

    /**
     * Classifies the body blocks of one article in order, using neighbours too: a name-shaped heading followed by
     * that person's bio is {@value #AUTHOR_NAME}, and a heading with no body paragraph after it is
     * {@value #FURNITURE} (a widget title, not a section heading). Pass the blocks after the title.
     *
     * @return one verdict per block, same order
     */
    public List<Verdict> classifyAll(List<String> blocks) {
        List<Verdict> out = new ArrayList<>(blocks.size());
        for (String b : blocks) {
            out.add(classify(b));
        }
        boolean bodyFollows = false;
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Verdict v = out.get(i);
            if (!v.boilerplate()) {
                bodyFollows = true;
                continue;
            }
            if (!v.heading()) {
                continue;
            }
            String text = blocks.get(i).strip();
            if (i + 1 < blocks.size() && PERSON_NAME.matcher(text).matches()
                    && blocks.get(i + 1).strip().startsWith(text + " ") && out.get(i + 1).boilerplate()) {
                out.set(i, Verdict.furniture(AUTHOR_NAME));
            } else if (!bodyFollows) {
                out.set(i, Verdict.furniture(FURNITURE));
            }
        }
        return out;
    }

    static boolean endsLikeSentence(String text) {
        int end = text.length() - 1;
        // a trailing footnote marker or closing bracket does not change how the sentence ends
        while (end > 0 && (text.charAt(end) == ')' || text.charAt(end) == ']' || text.charAt(end) == '*')) {
            end--;
        }
        char last = text.charAt(end);
        return last == '.' || last == '?' || last == '!' || last == '…' || last == '"' || last == '”'
                || last == '’' || last == '\'' || last == '»' || last == ':' && text.length() > 80;
    }

    private static boolean hasVerb(String[] words) {
        for (String w : words) {
            if (COMMON_VERBS.contains(clean(w))) {
                return true;
            }
        }
        return false;
    }

    private static double stopWordRatio(String[] words) {
        int stops = 0;
        for (String w : words) {
            if (STOP_WORDS.contains(clean(w))) {
                stops++;
            }
        }
        return words.length == 0 ? 0 : (double) stops / words.length;
    }

    private static String clean(String word) {
        return word.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "").toLowerCase(Locale.ROOT);
    }
}
