package dev.pulse.surveys.invitation;

/**
 * One customer to invite.
 *
 * @param customerId the customer's id in the warehouse
 * @param region one of {@code pulse.regions}; the response counts for it
 * @param email where the link is sent
 * @param language {@code zh} (default) or {@code en}: the mail's and the page's language
 * @param channel the channel of the contact that prompted the survey; may be null
 * @param transactionId the transaction that prompted the survey; may be null
 */
public record Recipient(
        String customerId, String region, String email, String language, String channel, String transactionId) {}
