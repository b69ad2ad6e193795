package dev.pulse.surveys.response;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The budget of public bodies counts what fits, refuses what does not, and remembers its peak. */
class PublicBodyBudgetTest {

    @Test
    void countsWhatFitsAndRefusesTheRestWithoutCountingIt() {
        PublicBodyBudget budget = new PublicBodyBudget(100);
        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(41)).isFalse();
        assertThat(budget.held()).isEqualTo(60);
        assertThat(budget.tryReserve(40)).isTrue();
        assertThat(budget.held()).isEqualTo(100);
        assertThat(budget.tryReserve(1)).isFalse();

        budget.release(60);
        budget.release(40);

        assertThat(budget.held()).isZero();
        assertThat(budget.peak()).isEqualTo(100);
        assertThat(budget.tryReserve(101)).isFalse();
        assertThat(budget.peak()).isEqualTo(100);
    }
}
