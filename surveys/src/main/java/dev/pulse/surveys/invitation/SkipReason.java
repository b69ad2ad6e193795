package dev.pulse.surveys.invitation;

/** Why a customer of an invitation request got no invitation. */
public enum SkipReason {
    /** The customer was invited (to any survey) within {@code pulse.surveys.fatigue-days}. */
    FATIGUE,
    /** The customer appears earlier in the same request. */
    DUPLICATE_IN_REQUEST,
    /** The mail server refused the mail; nothing was recorded, so the customer may be invited again. */
    SEND_FAILED
}
