package dev.pulse.surveys;

/** What a question asks for; the three scores feed the {@code nps_score}, {@code csat_score} and {@code ces_score} fields. */
public enum QuestionType {
    /** Net Promoter Score, 0 to 10. */
    NPS(0, 10),
    /** Customer satisfaction, 1 to 5. */
    CSAT(1, 5),
    /** Customer effort, 1 to 7. */
    CES(1, 7),
    /** A rating from 1 to the question's {@code max}. */
    RATING(1, 10),
    /** One option of the question's list. */
    SINGLE_CHOICE(0, 0),
    /** Any options of the question's list. */
    MULTIPLE_CHOICE(0, 0),
    /** Free text. */
    TEXT(0, 0);

    private final int min;
    private final int max;

    QuestionType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /** The lowest value of a scale. */
    public int min() {
        return min;
    }

    /** The highest value of a scale; for RATING the most a question's own {@code max} may be. */
    public int max() {
        return max;
    }

    /** Whether the answer is a number on a scale. */
    public boolean isScale() {
        return this == NPS || this == CSAT || this == CES || this == RATING;
    }

    /** Whether the answer is chosen from the question's options. */
    public boolean isChoice() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }

    /** Whether the answer becomes one of the event's score fields. */
    public boolean isScore() {
        return this == NPS || this == CSAT || this == CES;
    }
}
