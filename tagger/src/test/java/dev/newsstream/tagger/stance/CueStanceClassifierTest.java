package dev.newsstream.tagger.stance;

import static dev.newsstream.tagger.Stance.CONFRONTATIONAL;
import static dev.newsstream.tagger.Stance.COOPERATIVE;
import static dev.newsstream.tagger.Stance.NEUTRAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsstream.tagger.Stance;
import dev.newsstream.tagger.StanceResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CueStanceClassifierTest {
    private static final CueStanceClassifier STANCE = CueStanceClassifier.loadDefault();

    private static StanceResult classify(String text, String side) {
        return STANCE.classify(text, side);
    }

    @Nested
    class Negation {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "We are not willing to accept their terms.|RUS",
            "We couldn't accept that.|USA",
            "No agreement was reached.|USA",
            "There will be no deal on these terms.|GBR",
            "We will never surrender.|UKR"})
        void negatedCooperationIsConfrontational(String text, String side) {
            assertThat(classify(text, side).stance()).isEqualTo(CONFRONTATIONAL);
        }

        @Test
        void negatedThreatIsNotConfrontational() {
            StanceResult r = classify("Our exercises are not a threat to anyone.", "CHN");
            assertThat(r.stance()).isEqualTo(COOPERATIVE);
            assertThat(r.rule()).isEqualTo("negated-confrontational");
        }

        @Test
        void negationOutsideTheWindowDoesNotFlip() {
            assertThat(classify("There is no doubt that we all want to help.", "USA").stance()).isEqualTo(COOPERATIVE);
        }

        @Test
        void refusalWithoutACueIsConfrontational() {
            StanceResult r = classify("We won't do that.", "USA");
            assertThat(r.stance()).isEqualTo(CONFRONTATIONAL);
            assertThat(r.rule()).isEqualTo("refusal");
        }

        @Test
        void negationDoesNotCrossAClauseBreak() {
            assertThat(classify("Not today, but we hope to meet them soon.", "PRK").stance()).isEqualTo(COOPERATIVE);
        }
    }

    @Nested
    class Modality {
        @Test
        void demandAimedAtTheOtherSideIsConfrontational() {
            StanceResult r = classify("They have to do more.", "USA");
            assertThat(r.stance()).isEqualTo(CONFRONTATIONAL);
            assertThat(r.rule()).isEqualTo("demand-modal");
            assertThat(r.cues()).contains("they have to:demand-modal");
        }

        @Test
        void namedOtherSideCountsAsTheTarget() {
            assertThat(classify("Russia must withdraw its troops.", "UKR").rule()).isEqualTo("demand-modal");
        }

        @Test
        void capitalisedUsIsTheCountryNotTheSpeaker() {
            assertThat(classify("The US must stop its provocations.", "PRK").rule()).isEqualTo("demand-modal");
            CueTokens t = CueTokens.of("The US told us.");
            assertThat(java.util.Arrays.copyOf(t.surface, t.n)).containsExactly("the", "u.s", "told", "us");
        }

        @Test
        void ownSideNamedIsNotADemandOnTheOther() {
            StanceResult r = classify("Ukraine must be ready to talk.", "UKR");
            assertThat(r.rule()).isNotEqualTo("demand-modal");
        }

        @Test
        void demandOnOurselvesIsNotConfrontational() {
            assertThat(classify("We must work together with our neighbours.", "IND").stance()).isEqualTo(COOPERATIVE);
        }

        @Test
        void whatIsDemandedIsNotAnOffer() {
            assertThat(classify("They must show goodwill and release the prisoners.", "ISR").stance())
                    .isEqualTo(CONFRONTATIONAL);
        }

        @Test
        void hostileActUnderAModalIsAThreat() {
            StanceResult r = classify("We will strike back at anyone who crosses the border.", "IND");
            assertThat(r.stance()).isEqualTo(CONFRONTATIONAL);
            assertThat(r.rule()).isEqualTo("threat");
        }

        @Test
        void hostileActReportedAsFactIsNeutral() {
            assertThat(classify("The strike killed 12 people, the ministry said.", "PSE").stance()).isEqualTo(NEUTRAL);
        }

        @Test
        void concessionUnderAModalIsAnOffer() {
            StanceResult r = classify("We are prepared to withdraw our troops from the border area.", "RUS");
            assertThat(r.stance()).isEqualTo(COOPERATIVE);
            assertThat(r.rule()).isEqualTo("offer");
        }

        @Test
        void willHelpIsCooperative() {
            assertThat(classify("And we will help it to happen.", "USA").stance()).isEqualTo(COOPERATIVE);
        }
    }

    @Nested
    class Conditionals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "If they attack, we will respond.|USA",
            "We will respond if they attack.|USA",
            "If the ceasefire is violated, the army will resume fighting with full force.|ISR",
            "Unless Washington lifts the sanctions, we will not return to the negotiating table.|IRN"})
        void threatShapedConditionalsAreConfrontational(String text, String side) {
            StanceResult r = classify(text, side);
            assertThat(r.stance()).isEqualTo(CONFRONTATIONAL);
            assertThat(r.cues()).anyMatch(c -> c.endsWith(":conditional-threat"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "If they lift sanctions, we will dismantle the reactor.|PRK",
            "If Russia withdraws its troops, we are ready to talk.|UKR",
            "We would buy more soybeans if the tariffs were removed.|CHN"})
        void offerShapedConditionalsAreCooperative(String text, String side) {
            StanceResult r = classify(text, side);
            assertThat(r.stance()).isEqualTo(COOPERATIVE);
            assertThat(r.cues()).anyMatch(c -> c.endsWith(":conditional-offer"));
        }

        @Test
        void anIfThatIsNotAConditionIsIgnored() {
            assertThat(classify("Reporters asked if the summit would take place on Friday.", "USA").stance())
                    .isEqualTo(NEUTRAL);
        }
    }

    @Nested
    class Tone {
        @Test
        void aSadOfferIsStillCooperative() {
            assertThat(classify("It is a terrible, painful day for our families, but we still offer our hand.", "UKR")
                    .stance()).isEqualTo(COOPERATIVE);
        }

        @Test
        void aCheerfulThreatIsStillConfrontational() {
            assertThat(classify("We'd be delighted to crush them if they try anything.", "ISR").stance())
                    .isEqualTo(CONFRONTATIONAL);
        }

        @Test
        void butShiftsTheWeightToWhatFollows() {
            StanceResult r = classify("No agreement was reached, but both teams look forward to meeting again.", "USA");
            assertThat(r.stance()).isEqualTo(COOPERATIVE);
        }

        @Test
        void schedulingIsNeutral() {
            StanceResult r = classify("The summit will take place on 27-28 February in Vietnam.", "USA");
            assertThat(r.stance()).isEqualTo(NEUTRAL);
            assertThat(r.rule()).isEqualTo("procedural-neutral");
        }
    }

    @Nested
    class Robustness {
        @ParameterizedTest
        @CsvSource(nullValues = "NULL", delimiter = '|', value = {"NULL|USA", "''|NULL", "'   '|UNKNOWN",
            "'...,;;--!!'|USA", "'\u201cIf,\u201d'|xx", "'if unless but not'|USA", "*|*"})
        void neverThrowsAndIsNeutralWithoutCues(String text, String side) {
            StanceResult r = STANCE.classify(text, side);
            assertThat(r.stance()).isEqualTo(NEUTRAL);
            assertThat(r.rule()).isNotEqualTo("error");
        }

        @Test
        void longInputIsHandled() {
            String text = "They must stop, but we hope for peace. ".repeat(5_000);
            assertThat(STANCE.classify(text, "UKR").stance()).isIn((Object[]) Stance.values());
        }

        @Test
        void evidenceNamesTheCuesThatFired() {
            StanceResult r = classify("We thank the mediators and look forward to the next round.", "PSE");
            assertThat(r.rule()).isEqualTo("cue-score");
            assertThat(r.cues()).containsExactly("thank:cue-score", "look forward:cue-score");
        }

        @Test
        void defaultIsLoadedOnce() {
            assertThat(CueStanceClassifier.loadDefault()).isSameAs(STANCE);
            assertThat(STANCE.cueCount()).isGreaterThan(300);
        }
    }

    @Nested
    class Stemming {
        @ParameterizedTest
        @CsvSource({"agree,agreed,agreeing,agrees", "remove,removed,removing,removes", "offer,offered,offering,offers",
            "stop,stopped,stopping,stops", "pledge,pledged,pledging,pledges", "hope,hoped,hoping,hopes"})
        void inflectionsShareAStem(String base, String past, String gerund, String third) {
            String stem = CueTokens.stem(base);
            assertThat(new String[] {past, gerund, third}).allSatisfy(w -> assertThat(CueTokens.stem(w)).isEqualTo(stem));
        }

        @Test
        void willingIsNotTheModalWill() {
            assertThat(CueTokens.stem("willing")).isNotEqualTo(CueTokens.stem("will"));
        }

        @Test
        void contractionsSplitIntoNegatorAndModal() {
            CueTokens t = CueTokens.of("We couldn\u2019t, won't and can't.");
            assertThat(java.util.Arrays.copyOf(t.surface, t.n))
                    .containsExactly("we", "could", "n't", "wo", "n't", "and", "ca", "n't");
        }
    }

    @Nested
    class UserFile {
        @TempDir
        Path dir;

        private Path write(String content) throws IOException {
            Path f = dir.resolve("my-cues.tsv");
            Files.writeString(f, content, StandardCharsets.UTF_8);
            return f;
        }

        @Test
        void addsAndOverridesCues() throws IOException {
            Path f = write("# mine\nshake hands\tcooperative\t2\tnew cue\nregime\tconfrontational\t0\tremoved\n");
            CueStanceClassifier mine = CueStanceClassifier.load(f);
            assertThat(mine.classify("The leaders will shake hands.", "USA").stance()).isEqualTo(COOPERATIVE);
            assertThat(mine.classify("the regime", "USA").stance()).isEqualTo(NEUTRAL);
            assertThat(STANCE.classify("the regime", "USA").stance()).isEqualTo(CONFRONTATIONAL);
        }

        @Test
        void malformedLineNamesFileLineAndFormat() throws IOException {
            Path f = write("# ok\nshake hands\tcooperative\n");
            assertThatThrownBy(() -> CueStanceClassifier.load(f))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("phrase<TAB>class<TAB>weight");
        }

        @Test
        void unknownClassAndBadWeightAreReported() throws IOException {
            assertThatThrownBy(() -> CueStanceClassifier.load(write("x\tfriendly\t1\n")))
                    .hasMessageContaining("line 1").hasMessageContaining("unknown class 'friendly'");
            assertThatThrownBy(() -> CueStanceClassifier.load(write("x\tcooperative\tlots\n")))
                    .hasMessageContaining("weight 'lots' is not a number");
        }

        @Test
        void missingFileIsReportedWithItsName() {
            Path f = dir.resolve("absent.tsv");
            assertThatThrownBy(() -> CueStanceClassifier.load(f))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.tsv");
        }
    }
}
