package dev.newsstream.tagger.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.AttributionResult;

/** One behaviour per test, on sentences written for the test. */
class RuleAttributorTest {
    static final RuleAttributor A = RuleAttributor.createDefault();

    static List<Attribution> run(String... paragraphs) {
        ArticleContext ctx = ArticleContext.start(paragraphs[0]);
        AttributionResult r = null;
        for (String p : paragraphs) {
            r = A.attribute(ctx, p);
            ctx = r.context();
        }
        return r.statements();
    }

    @Test
    void directQuoteAfterCueWithTitleAndDemonym() {
        List<Attribution> s = run("t", "North Korean Foreign Minister Ri Yong Ho said, “We offered a realistic proposal.”");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo("We offered a realistic proposal.");
            assertThat(a.direct()).isTrue();
            assertThat(a.speaker()).isEqualTo("Ri Yong Ho");
            assertThat(a.side()).isEqualTo("PRK");
            assertThat(a.evidence()).containsEntry("rule", "direct-quote-after-cue").containsEntry("cue", "said")
                    .containsKeys("speakerMention", "speakerResolution", "sideSource");
        });
    }

    @Test
    void splitQuoteGivesOneStatementPerQuotedSpanWithPronoun() {
        List<Attribution> s = run("t", "Prime Minister Benjamin Netanyahu spoke on Sunday.",
                "“Israel has shown flexibility,” he added, “and the other side has shown none.”");
        assertThat(s).extracting(Attribution::text)
                .containsExactly("Israel has shown flexibility,", "and the other side has shown none.");
        assertThat(s).extracting(Attribution::speaker).containsOnly("Benjamin Netanyahu");
        assertThat(s.get(0).evidence()).containsEntry("speakerResolution", "pronoun");
    }

    @Test
    void quotationContinuesIntoTheNextParagraph() {
        List<Attribution> s = run("t", "“We will wait with patience,” Kim Jong Un said. “We have waited before.",
                "“But our patience has limits.”");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("Kim Jong Un");
            assertThat(a.evidence()).containsEntry("rule", "continuation");
        });
    }

    @Test
    void reportedSpeechAndAccordingTo() {
        assertThat(run("t", "The Kremlin said on Friday that no summit was being prepared."))
                .singleElement().satisfies(a -> {
                    assertThat(a.text()).isEqualTo("said on Friday that no summit was being prepared");
                    assertThat(a.direct()).isFalse();
                    assertThat(a.speaker()).isEqualTo("The Kremlin");
                    assertThat(a.side()).isEqualTo("RUS");
                });
        assertThat(run("t", "According to KCNA, the leader inspected a new missile unit."))
                .singleElement().satisfies(a -> {
                    assertThat(a.text()).isEqualTo("the leader inspected a new missile unit");
                    assertThat(a.speaker()).isEqualTo("KCNA");
                    assertThat(a.evidence()).containsEntry("rule", "according-to");
                });
    }

    @Test
    void capitalsSpeakForTheirGovernments() {
        assertThat(run("t", "Washington warned that further tests would bring new sanctions."))
                .singleElement().satisfies(a -> {
                    assertThat(a.side()).isEqualTo("USA");
                    assertThat(a.evidence()).containsEntry("sideSource", "capital");
                });
    }

    @Test
    void headlineForms() {
        String title = "Trump says he is in no rush on North Korea";
        AttributionResult r = A.attribute(ArticleContext.start(title), title);
        assertThat(r.statements()).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo("says he is in no rush on North Korea");
            assertThat(a.speaker()).isEqualTo("Donald Trump");
            assertThat(a.evidence()).containsEntry("rule", "headline");
        });
        String colon = "Lavrov: the West must accept new realities";
        assertThat(A.attribute(ArticleContext.start(colon), colon).statements()).singleElement()
                .satisfies(a -> assertThat(a.speaker()).isEqualTo("Sergei Lavrov"));
    }

    @Test
    void narrationIsNotAStatement() {
        assertThat(run("t", "Both leaders agreed to work towards denuclearisation.")).isEmpty();
        assertThat(run("t", "The summit ended early and the motorcade left the hotel.")).isEmpty();
        assertThat(run("t", "He did not say whether the talks would resume.")).isEmpty();
    }

    @Test
    void aJointStatementIsEachSpeakersOwn() {
        assertThat(run("t", "Moscow and Washington both said the deal had taken months."))
                .extracting(Attribution::speaker, Attribution::side, Attribution::text)
                .containsExactly(tuple("Russia", "RUS", "said the deal had taken months"),
                        tuple("United States", "USA", "said the deal had taken months"));
        assertThat(run("t", "Norway, Sweden and Finland accused the company of dumping steel."))
                .extracting(Attribution::speaker).containsExactly("Norway", "Sweden", "Finland");
        // a coordination inside a prepositional phrase is not the subject
        assertThat(run("t", "Officials close to the talks between Chile and Peru said a deal was near."))
                .extracting(Attribution::speaker).doesNotContain("Chile", "Peru");
    }

    @Test
    void pluralGroupsSpeakAsTheTextGivesThem() {
        assertThat(run("t", "Chilean officials said the border would stay open."))
                .singleElement().satisfies(a -> {
                    assertThat(a.speaker()).isEqualTo("Chile");
                    assertThat(a.side()).isEqualTo("CHL");
                });
        assertThat(run("t", "Peruvian rebels said they would keep fighting."))
                .singleElement().satisfies(a -> {
                    assertThat(a.speaker()).isEqualTo("Peruvian rebels");
                    assertThat(a.side()).isEqualTo("PER");
                });
        assertThat(run("t", "Bolivian protesters said the deal was a betrayal."))
                .singleElement().satisfies(a -> assertThat(a.side()).isEqualTo("OTHER"));
    }

    @Test
    void unknownSideIsExplicit() {
        assertThat(run("t", "Jane Example said that the plan would fail.")).singleElement().satisfies(a -> {
            assertThat(a.side()).isEqualTo("UNKNOWN");
            assertThat(a.evidence()).containsEntry("sideSource", "none");
        });
    }

    @Test
    void canonicalNamesAcrossTheArticle() {
        List<Attribution> s = run("t", "North Korean leader Kim Jong-un arrived in Hanoi.",
                "Kim said, “I will really try to make that happen.”");
        assertThat(s).singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("Kim Jong Un"));
        List<Attribution> unknown = run("t", "Deputy envoy Arvid Tomasson Lind arrived in Oslo.",
                "Lind said, “We are hopeful.”");
        assertThat(unknown).singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("Arvid Tomasson Lind"));
    }

    @Test
    void roleNounsResolveFromContext() {
        List<Attribution> s = run("t", "Russian Foreign Minister Sergei Lavrov met reporters in Moscow.",
                "“There is no independence in these positions,” the minister said.");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("Sergei Lavrov");
            assertThat(a.evidence()).containsEntry("speakerResolution", "role-noun");
        });
    }

    @Test
    void passivesAreNotTheSubjectsStatements() {
        assertThat(run("t", "He was told that the talks were over.")).isEmpty();
    }

    @Test
    void aStatementOrMinistrySpeaksForTheInstitutionInView() {
        List<Attribution> s = run("t", "The Russian foreign ministry issued a statement on Monday.",
                "“Kyiv must accept the new realities,” the statement said. Later the ministry said that talks could resume.");
        assertThat(s).extracting(Attribution::speaker).containsOnly("Russian foreign ministry");
        assertThat(s).extracting(Attribution::side).containsOnly("RUS");
    }

    @Test
    void aBareSurnameIsTheArticlesLatestPersonOfThatName() {
        List<Attribution> s = run("t", "Kim Yo Jong, the powerful sister of the leader, issued a warning.",
                "“We will respond,” Kim said.");
        assertThat(s).singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("Kim Yo Jong"));
    }

    @Test
    void aParagraphEndingInSaidColonIntroducesTheNextQuotation() {
        List<Attribution> s = run("t", "Foreign Minister Sergei Lavrov told reporters in Moscow:",
                "“The West must accept the new realities.”");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("Sergei Lavrov");
            assertThat(a.evidence()).containsEntry("rule", "continuation");
        });
    }

    @Test
    void anUnnamedOfficialIsStillAStatementWithAnUnknownSide() {
        assertThat(run("t", "A senior administration official, who spoke on condition of anonymity, said the test "
                + "did not violate the pledge.")).singleElement().satisfies(a -> {
                    assertThat(a.speaker()).isEqualTo("senior administration official");
                    assertThat(a.side()).isEqualTo("UNKNOWN");
                });
    }

    @Test
    void askedFramesAQuestion() {
        assertThat(run("t", "Prime Minister Keir Starmer met reporters.", "“Why would we wait?” he asked."))
                .singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("Keir Starmer"));
    }

    @Test
    void aReportedClauseStopsBeforeAnotherRulesQuotation() {
        List<Attribution> s = run("t", "Kim said the talks were useful and added: “We will meet again.”");
        assertThat(s).extracting(Attribution::text)
                .containsExactly("said the talks were useful and added", "We will meet again.");
    }

    @Test
    void hisCounterpartIsTheOtherSidesLeader() {
        List<Attribution> s = run("t", "President Donald Trump met North Korean leader Kim Jong Un in Hanoi.",
                "“We had a productive meeting,” Trump said. His counterpart said the talks would continue.");
        assertThat(s).extracting(Attribution::speaker).containsExactly("Donald Trump", "Kim Jong Un");
        assertThat(s.get(1).side()).isEqualTo("PRK");
    }

    @Test
    void aSecondCueOfTheSameSubjectIsASecondStatement() {
        List<Attribution> s = run("t", "Prime Minister Keir Starmer said on Monday that a deal was close, but warned that "
                + "serious gaps remained.");
        assertThat(s).extracting(Attribution::text).containsExactly("said on Monday that a deal was close",
                "warned that serious gaps remained");
        assertThat(s).extracting(Attribution::speaker).containsOnly("Keir Starmer");
    }

    @Test
    void aNameInTheAppositiveIsTheSpeaker() {
        assertThat(run("t", "Japan's top government spokesman, Taro Example, said Tokyo had protested."))
                .singleElement().satisfies(a -> {
                    assertThat(a.speaker()).isEqualTo("Taro Example");
                    assertThat(a.side()).isEqualTo("JPN");
                });
    }

    // ---------------------------------------------------------------- sides from roles (people not in the registry)

    @Test
    void appositiveRoleGivesTheLeadingCountryNotTheTarget() {
        List<Attribution> s = run("t", "\"We made progress,\" said Jane Roe, the U.S. Special Envoy for Sudan.",
                "Roe said the next round would be in Jeddah.");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("Jane Roe");
            assertThat(a.side()).isEqualTo("USA");
        });
        List<Attribution> first = run("t", "\"We made progress,\" said Jane Roe, the U.S. Special Envoy for Sudan.");
        assertThat(first.get(0).evidence()).containsEntry("sideSource", "appositive-role");
    }

    @Test
    void possessiveRoleBeforeAnAppositiveNameIsInheritedByPronouns() {
        List<Attribution> s = run("t", "Sudan's army chief, Yasir Kabbashi, met the envoy. He said the war would go on.");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("Yasir Kabbashi");
            assertThat(a.side()).isEqualTo("SDN");
        });
    }

    @Test
    void organisationReferredBackToGivesTheSide() {
        List<Attribution> s = run("t", "Hezbollah rejected the plan. \"There will be no talks,\" said Ali Haidar, "
                + "a member of the group's political council.");
        assertThat(s.stream().filter(Attribution::direct)).singleElement().satisfies(a -> {
            assertThat(a.side()).isEqualTo("LBN");
            assertThat(a.evidence()).containsEntry("sideSource", "organisation-context");
        });
    }

    @Test
    void countryRoleResolvesToThePersonWithThatWholeTitle() {
        List<Attribution> s = run("t", "Ukraine's Foreign Minister Andriy Sybiha and Defence Minister Rustem Umerov "
                + "met NATO envoys on Monday.", "Ukraine's foreign minister said the talks were useful.");
        assertThat(s).singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("Andrii Sybiha"));
    }

    @Test
    void outletReportedThatAndQuotedFragmentsInReportedSpeech() {
        List<Attribution> s = run("t", "Egypt's state-run Al-Qahera News reported that the talks would resume.");
        assertThat(s).singleElement().satisfies(a -> assertThat(a.side()).isEqualTo("EGY"));
        List<Attribution> f = run("t", "Jonathan Pell said the gaps remained \"significant\" and that talks would go on.");
        assertThat(f).singleElement().satisfies(a -> {
            assertThat(a.direct()).isFalse();
            assertThat(a.text()).contains("significant");
        });
    }

    @Test
    void theCountrysRoleTakesTheCountryNamedBeforeIt() {
        List<Attribution> s = run("t", "Egypt hosted the talks. The country's foreign minister, Karim Fahmy, said the "
                + "talks would resume.");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("Karim Fahmy");
            assertThat(a.side()).isEqualTo("EGY");
        });
        List<Attribution> after = run("t", "Talks in Oman ended. \"We are hopeful,\" said Badr Salim, the country's "
                + "foreign minister.");
        assertThat(after).singleElement().satisfies(a -> assertThat(a.side()).isEqualTo("OMN"));
    }

    @Test
    void bothAfterTwoNamedPeopleIsOneStatementEach() {
        List<Attribution> s = run("t", "Dana Ortiz met her Chilean counterpart, Luis Varga, on Monday. Both said "
                + "the talks would continue next month.");
        assertThat(s).extracting(Attribution::speaker).containsExactly("Dana Ortiz", "Luis Varga");
        assertThat(s).extracting(Attribution::text).containsOnly("said the talks would continue next month");
        assertThat(run("t", "Both said the talks would continue next month.")).isEmpty();
    }

    @Test
    void anUnnamedStateBodyKeepsTheTextsOwnForm() {
        assertThat(run("t", "Kuwait's Foreign Ministry said the embargo would be lifted."))
                .singleElement().satisfies(a -> {
                    assertThat(a.speaker()).isEqualTo("Kuwait's Foreign Ministry");
                    assertThat(a.side()).isEqualTo("KWT");
                });
        assertThat(run("t", "France's government said the talks would resume."))
                .singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("France's government"));
    }
}
