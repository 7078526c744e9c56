package dev.newsstream.tagger.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Apache OpenNLP behind two calls: {@link #sentences} and {@link #tokens}, both in character offsets of the
 * caller's text.
 *
 * <p>Thread-safety: the class is stateless for callers and safe to use from any thread. The four models
 * (the 1.3.0 Universal Dependencies English models shipped as Maven artifacts) are immutable and loaded
 * once per JVM, on first use; the OpenNLP {@code *ME} classes are not thread-safe, so each thread gets its
 * own instances over the shared models through {@link ThreadLocal}s.
 */
public final class OpenNlp {
    private static final String SENT = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    private static final String TOK = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    private static final String POS = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    private static final String LEM = "/opennlp-en-ud-ewt-lemmas-1.3-2.5.4.bin";

    /** Initialization-on-demand holder: the models load on first use, exactly once, without locking later. */
    private static final class Models {
        static final SentenceModel SENTENCES = load(SENT, SentenceModel::new);
        static final TokenizerModel TOKENS = load(TOK, TokenizerModel::new);
        static final POSModel TAGS = load(POS, POSModel::new);
        static final LemmatizerModel LEMMAS = load(LEM, LemmatizerModel::new);
    }

    private static final ThreadLocal<SentenceDetectorME> SENTENCE_DETECTOR =
            ThreadLocal.withInitial(() -> new SentenceDetectorME(Models.SENTENCES));
    private static final ThreadLocal<TokenizerME> TOKENIZER =
            ThreadLocal.withInitial(() -> new TokenizerME(Models.TOKENS));
    private static final ThreadLocal<POSTaggerME> TAGGER =
            ThreadLocal.withInitial(() -> new POSTaggerME(Models.TAGS));
    private static final ThreadLocal<LemmatizerME> LEMMATIZER =
            ThreadLocal.withInitial(() -> new LemmatizerME(Models.LEMMAS));

    private OpenNlp() {
    }

    private interface ModelReader<M> {
        M read(InputStream in) throws IOException;
    }

    private static <M> M load(String resource, ModelReader<M> reader) {
        try (InputStream in = OpenNlp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP model " + resource + " is not on the classpath; add the "
                        + "org.apache.opennlp:opennlp-models-*-en:1.3.0 dependencies to the module");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenNLP model " + resource, e);
        }
    }

    /** Forces the models to load now (for a service's start-up rather than its first request). */
    public static void warmUp() {
        tokens("Warm up.", 0, 8, true);
    }

    /** Sentence spans of {@code text[from, to)}, in offsets of {@code text}. */
    public static List<Span> sentences(String text, int from, int to) {
        Span[] spans = SENTENCE_DETECTOR.get().sentPosDetect(text.substring(from, to));
        List<Span> out = new ArrayList<>(spans.length);
        for (Span s : spans) {
            out.add(new Span(s.getStart() + from, s.getEnd() + from));
        }
        return out;
    }

    /**
     * UD POS tags of already-tokenised words (the caller's own tokens, e.g. a few words around one position):
     * no tokenizer pass, and the cost grows with the number of words, so callers keep it to a small window.
     */
    public static String[] posTags(String[] words) {
        if (words.length == 0) {
            return new String[0];
        }
        return GREEDY.get().tag(words);
    }

    /**
     * The POS model decoded greedily (beam size 1) instead of POSTaggerME's beam of 3: about a third of the
     * feature computation, for the short windows {@link #posTags} is given.
     */
    private static final class GreedyTagger {
        private final opennlp.tools.ml.BeamSearch search;
        private final opennlp.tools.postag.POSContextGenerator context;
        private final opennlp.tools.util.SequenceValidator<String> validator;

        GreedyTagger(POSModel model) {
            opennlp.tools.ml.model.MaxentModel me = model.getArtifact("pos.model");
            this.search = new opennlp.tools.ml.BeamSearch(1, me);
            this.context = model.getFactory().getPOSContextGenerator(1);
            this.validator = model.getFactory().getSequenceValidator();
        }

        String[] tag(String[] words) {
            List<String> out = search.bestSequence(words, null, context, validator).getOutcomes();
            return out.toArray(new String[0]);
        }
    }

    private static final ThreadLocal<GreedyTagger> GREEDY =
            ThreadLocal.withInitial(() -> new GreedyTagger(Models.TAGS));

    /**
     * Tokens of {@code text[from, to)} with POS tags (and lemmas when asked), in offsets of {@code text}.
     * Callers keep the range to one sentence or clause: the tagger's cost grows with it.
     */
    public static List<Token> tokens(String text, int from, int to, boolean lemmas) {
        String part = text.substring(from, to);
        Span[] spans = TOKENIZER.get().tokenizePos(part);
        if (spans.length == 0) {
            return List.of();
        }
        String[] words = new String[spans.length];
        for (int i = 0; i < spans.length; i++) {
            words[i] = spans[i].getCoveredText(part).toString();
        }
        String[] tags = TAGGER.get().tag(words);
        String[] lem = lemmas ? LEMMATIZER.get().lemmatize(words, tags) : null;
        List<Token> out = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            String lemma = lem == null || "O".equals(lem[i]) ? words[i].toLowerCase(Locale.ROOT) : lem[i];
            out.add(new Token(words[i], spans[i].getStart() + from, spans[i].getEnd() + from, tags[i], lemma));
        }
        return out;
    }
}
