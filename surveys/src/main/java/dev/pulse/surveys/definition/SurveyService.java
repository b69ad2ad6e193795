package dev.pulse.surveys.definition;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyNotFoundException;
import dev.pulse.surveys.SurveyStateException;
import dev.pulse.surveys.SurveyStatus;
import dev.pulse.surveys.Surveys;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, edits, activates and closes surveys. Editing a draft changes it in place; editing an
 * active survey adds a version, so that every response keeps the version it answered.
 */
@Service
public class SurveyService implements Surveys {

    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SurveyRepository repository;
    private final DefinitionValidator validator;
    private final TransactionTemplate transactions;
    private final Clock clock;

    /** Wires the service; {@code clock} is the system clock unless a test supplies one. */
    public SurveyService(
            JdbcClient jdbc, PulseSettings pulse, TransactionTemplate transactions, Optional<Clock> clock) {
        this.repository = new SurveyRepository(jdbc);
        this.validator = new DefinitionValidator(pulse.regions());
        this.transactions = transactions;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Creates a DRAFT survey at version 1.
     *
     * @param definition must satisfy every definition rule, else {@link dev.pulse.surveys.InvalidFieldException}
     * @param by who creates it, must not be null
     */
    public Survey create(SurveyDefinition definition, String by) {
        validator.validate(definition);
        String id = newId();
        transactions.executeWithoutResult(tx -> repository.insert(id, definition, clock.instant(), by));
        return find(id).orElseThrow();
    }

    /**
     * Replaces the definition: in place for a DRAFT, as a new version for an ACTIVE survey.
     *
     * @throws SurveyStateException when the survey is CLOSED, or changed while this edit ran
     */
    public Survey edit(String id, SurveyDefinition definition, String by) {
        validator.validate(definition);
        try {
            return transactions.execute(tx -> editInTransaction(id, definition, by));
        } catch (DuplicateKeyException e) {
            throw new SurveyStateException(
                    SurveyStatus.ACTIVE, "the survey was changed by someone else; read it again");
        }
    }

    private Survey editInTransaction(String id, SurveyDefinition definition, String by) {
        Survey survey = require(id);
        var now = clock.instant();
        switch (survey.status()) {
            case DRAFT -> {
                repository.replaceVersion(id, survey.version(), definition, now, by);
                moveOn(survey, SurveyStatus.DRAFT, survey.version(), by);
            }
            case ACTIVE -> {
                repository.insertVersion(id, survey.version() + 1, definition, now, by);
                moveOn(survey, SurveyStatus.ACTIVE, survey.version() + 1, by);
            }
            case CLOSED -> throw new SurveyStateException(survey.status(), "a closed survey cannot be edited");
        }
        return require(id);
    }

    /** DRAFT → ACTIVE; activating an active survey changes nothing. */
    public Survey activate(String id, String by) {
        return transactions.execute(tx -> {
            Survey survey = require(id);
            switch (survey.status()) {
                case DRAFT -> moveOn(survey, SurveyStatus.ACTIVE, survey.version(), by);
                case ACTIVE -> {}
                case CLOSED ->
                    throw new SurveyStateException(survey.status(), "a closed survey cannot be activated again");
            }
            return require(id);
        });
    }

    /** DRAFT or ACTIVE → CLOSED; closing a closed survey changes nothing. */
    public Survey close(String id, String by) {
        return transactions.execute(tx -> {
            Survey survey = require(id);
            if (survey.status() != SurveyStatus.CLOSED) {
                moveOn(survey, SurveyStatus.CLOSED, survey.version(), by);
            }
            return require(id);
        });
    }

    /** Every survey, newest first. */
    public List<Survey> list() {
        return repository.findAll();
    }

    /** How many responses each version of the survey has. */
    public Map<Integer, Long> responseCounts(String id) {
        require(id);
        return repository.responseCounts(id);
    }

    /** How many responses each survey has, all versions together; a survey without responses is absent. */
    public Map<String, Long> responseCountsBySurvey() {
        return repository.responseCountsBySurvey();
    }

    @Override
    public Optional<Survey> find(String id) {
        return repository.find(id);
    }

    @Override
    public Optional<SurveyDefinition> version(String id, int version) {
        return repository.version(id, version);
    }

    private Survey require(String id) {
        return find(id).orElseThrow(() -> new SurveyNotFoundException(id));
    }

    private void moveOn(Survey survey, SurveyStatus status, int version, String by) {
        if (!repository.update(survey.id(), survey.status(), survey.version(), status, version, clock.instant(), by)) {
            throw new SurveyStateException(survey.status(), "the survey was changed by someone else; read it again");
        }
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("s");
        for (int i = 0; i < 11; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
