package dev.pulse.dashboards.accounts;

import dev.pulse.kernel.InvalidFieldException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a new password must be: at least the configured length, at most 72 bytes in UTF-8 (bcrypt reads no more), not the
 * username, and not one of the common passwords of {@code accounts/common-passwords.txt}, also once a
 * trailing run of digits and symbols is taken off ({@code woaini1314}, {@code password2026!}).
 */
final class PasswordPolicy {

    /** bcrypt's limit: a longer password is refused by the encoder, and would be cut silently by older ones. */
    static final int MAX_BYTES = 72;

    private static final Pattern TRAILING_DIGITS_AND_SYMBOLS = Pattern.compile("[\\p{N}\\p{P}\\p{S}\\s]+$");

    private final int minLength;
    private final Set<String> common;

    PasswordPolicy(int minLength) {
        this.minLength = minLength;
        this.common = load();
    }

    /**
     * Refuses a password that does not meet the policy.
     *
     * @throws InvalidFieldException naming the field {@code password} and why
     */
    void check(String username, String password) {
        if (password == null
                || password.length() < minLength
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidFieldException(
                    "password",
                    "a password needs at least " + minLength + " characters and at most " + MAX_BYTES
                            + " bytes (72 letters or digits, 24 Chinese characters)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String stem = TRAILING_DIGITS_AND_SYMBOLS.matcher(lower).replaceFirst("");
        if (common.contains(lower) || common.contains(stem)) {
            throw new InvalidFieldException(
                    "password", "the password is one of the most common passwords; choose another");
        }
        if (username != null
                && (lower.equals(username.toLowerCase(Locale.ROOT))
                        || stem.equals(username.toLowerCase(Locale.ROOT)))) {
            throw new InvalidFieldException("password", "the password must not be the username");
        }
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/accounts/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("accounts/common-passwords.txt is missing from the class path");
            }
            Set<String> words = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(line -> words.add(line.toLowerCase(Locale.ROOT)));
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
