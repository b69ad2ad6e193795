package dev.pulse.dashboards.embed;

/** An embedding token that is refused; the message says why and never contains the token. */
final class EmbedTokenException extends RuntimeException {

    EmbedTokenException(String reason) {
        super(reason, null, false, false);
    }
}
