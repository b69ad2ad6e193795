package dev.pulse.surveys;

/**
 * Makes a survey answerable anonymously at {@code /s/open/{surveyId}}. Such responses carry no
 * customer, so the survey says which region (and channel) they count for, e.g. a QR code in the
 * stores of one region.
 *
 * @param region one of {@code pulse.regions}
 * @param channel the channel the responses are counted for; may be null
 */
public record OpenLink(String region, String channel) {}
