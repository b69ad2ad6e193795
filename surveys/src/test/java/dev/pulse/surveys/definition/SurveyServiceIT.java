package dev.pulse.surveys.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.surveys.Fixtures;
import dev.pulse.surveys.Localized;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyNotFoundException;
import dev.pulse.surveys.SurveyStateException;
import dev.pulse.surveys.SurveyStatus;
import dev.pulse.surveys.TestClock;
import dev.pulse.surveys.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Survey life cycle and versions, on H2 and on PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.Vendor.class)
class SurveyServiceIT {

    static TestDatabase db;

    @Parameter
    TestDatabase.Vendor vendor;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
    private SurveyService service;

    @BeforeParameterizedClassInvocation
    static void open(TestDatabase.Vendor vendor) {
        db = TestDatabase.open(vendor);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        db.close();
    }

    @BeforeEach
    void service() {
        service = new SurveyService(db.jdbc(), Fixtures.pulse(), db.transactions(), Optional.of(clock));
    }

    @Test
    void aNewSurveyIsADraftAtVersionOneAndKeepsItsChineseText() {
        Survey survey = service.create(Fixtures.everyType(), "质量团队");

        assertThat(survey.status()).isEqualTo(SurveyStatus.DRAFT);
        assertThat(survey.version()).isEqualTo(1);
        assertThat(survey.definition()).isEqualTo(Fixtures.everyType());
        assertThat(survey.createdBy()).isEqualTo("质量团队");
        assertThat(survey.createdAt()).isEqualTo(clock.instant());
        assertThat(service.find(survey.id())).contains(survey);
    }

    @Test
    void editingADraftChangesItInPlace() {
        Survey survey = service.create(Fixtures.everyType(), "q");
        Survey edited = service.edit(survey.id(), retitled("新标题"), "q2");

        assertThat(edited.version()).isEqualTo(1);
        assertThat(edited.definition().title().zh()).isEqualTo("新标题");
        assertThat(edited.updatedBy()).isEqualTo("q2");
        assertThat(service.version(survey.id(), 2)).isEmpty();
    }

    @Test
    void editingAnActiveSurveyAddsAVersionAndKeepsTheOldOne() {
        Survey survey = service.create(Fixtures.everyType(), "q");
        service.activate(survey.id(), "q");
        clock.advance(Duration.ofHours(1));
        Survey edited = service.edit(survey.id(), retitled("第二版"), "q");

        assertThat(edited.status()).isEqualTo(SurveyStatus.ACTIVE);
        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.updatedAt()).isEqualTo(clock.instant());
        assertThat(service.version(survey.id(), 1)).contains(Fixtures.everyType());
        assertThat(service.version(survey.id(), 2).orElseThrow().title().zh()).isEqualTo("第二版");
    }

    @Test
    void aClosedSurveyCanBeNeitherEditedNorActivated() {
        Survey survey = service.create(Fixtures.everyType(), "q");
        service.activate(survey.id(), "q");
        assertThat(service.close(survey.id(), "q").status()).isEqualTo(SurveyStatus.CLOSED);

        assertThatThrownBy(() -> service.edit(survey.id(), Fixtures.everyType(), "q"))
                .isInstanceOf(SurveyStateException.class);
        assertThatThrownBy(() -> service.activate(survey.id(), "q")).isInstanceOf(SurveyStateException.class);
        assertThat(service.close(survey.id(), "q").status()).isEqualTo(SurveyStatus.CLOSED);
    }

    @Test
    void activatingTwiceChangesNothing() {
        Survey survey = service.create(Fixtures.everyType(), "q");
        Survey once = service.activate(survey.id(), "q");
        clock.advance(Duration.ofMinutes(5));
        Survey twice = service.activate(survey.id(), "other");

        assertThat(twice).isEqualTo(once);
    }

    @Test
    void anUnknownSurveyIsNotFound() {
        assertThat(service.find("nope")).isEmpty();
        assertThatThrownBy(() -> service.activate("nope", "q")).isInstanceOf(SurveyNotFoundException.class);
        assertThatThrownBy(() -> service.responseCounts("nope")).isInstanceOf(SurveyNotFoundException.class);
    }

    @Test
    void theListShowsNewestFirst() {
        Survey first = service.create(Fixtures.everyType(), "q");
        clock.advance(Duration.ofMinutes(1));
        Survey second = service.create(Fixtures.everyType(), "q");

        assertThat(service.list()).extracting(Survey::id).containsSubsequence(second.id(), first.id());
    }

    private static SurveyDefinition retitled(String zh) {
        SurveyDefinition d = Fixtures.everyType();
        return new SurveyDefinition(
                new Localized(zh, "New title"), d.intro(), d.thankYou(), d.openLink(), d.questions());
    }
}
