package dev.pulse.dashboards.embed;

/** An embedding token or grant that is refused; the message says why and never contains either. */
final class EmbedTokenException extends RuntimeException {

    EmbedTokenException(String reason) {
        super(reason, null, false, false);
    }
}
