package dev.pulse.kernel;

import java.util.regex.Pattern;

/**
 * The one rule for an e-mail address Pulse will send to: at most 254 characters, one {@code @}, a
 * domain with at least one dot, and none of the characters that would let an address smuggle a
 * second recipient or a display name into a mail header (white space, {@code <>()[],;:"}).
 */
public final class EmailAddresses {

    /** The longest address SMTP carries (RFC 5321's path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern ADDRESS =
            Pattern.compile("[^\\s@<>()\\[\\],;:\"]+@[^\\s@<>()\\[\\],;:\".]+(\\.[^\\s@<>()\\[\\],;:\".]+)+");

    private EmailAddresses() {}

    /** Whether {@code address} is one Pulse will send to; false for null. */
    public static boolean valid(String address) {
        return address != null
                && address.length() <= MAX_LENGTH
                && ADDRESS.matcher(address).matches();
    }
}
