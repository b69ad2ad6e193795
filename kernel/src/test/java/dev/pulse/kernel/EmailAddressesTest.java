package dev.pulse.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one address rule, at its edges: a dot in the domain, no header tricks, 254 characters. */
class EmailAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "east.owner@example.cn          | true",
                "王芳@例子.中国                   | true",
                "a@localhost                     | false",
                "a@b@example.cn                  | false",
                "a b@example.cn                  | false",
                "a@example.cn, b@example.cn      | false",
                "Name <a@example.cn>             | false",
                "a@example.cn;b@example.cn       | false",
                "\"a\"@example.cn                | false",
                "''                              | false"
            })
    void decides(String address, boolean valid) {
        assertThat(EmailAddresses.valid(address)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void anAddressOfMoreThan254CharactersIsRefusedAndOneOf254Taken() {
        String domain = "@example.cn";
        String at254 = "a".repeat(EmailAddresses.MAX_LENGTH - domain.length()) + domain;

        assertThat(EmailAddresses.valid(at254)).isTrue();
        assertThat(EmailAddresses.valid("a" + at254)).isFalse();
        assertThat(EmailAddresses.valid(null)).isFalse();
    }
}
