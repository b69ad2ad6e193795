package dev.pulse.dashboards.embed;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The embed tokens already exchanged, kept in the operational database until they expire, so that a
 * token is exchanged once across every instance: the primary key decides between two instances that
 * race. Expired rows are purged at each exchange (a token past {@code exp} is refused anyway).
 */
@Component
class UsedEmbedTokens {

    private final JdbcClient jdbc;
    private final Clock clock;

    UsedEmbedTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /**
     * Records the first use of a token.
     *
     * @throws EmbedTokenException when the token was used before
     */
    void use(EmbedTokens.Claims claims) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM pulse_embed_token_use WHERE expires_at < :now")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        try {
            jdbc.sql("INSERT INTO pulse_embed_token_use (token_id, app_id, expires_at) VALUES (:id, :app, :exp)")
                    .param("id", claims.tokenId())
                    .param("app", claims.appId())
                    .param("exp", claims.expires().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException used) {
            throw new EmbedTokenException(
                    "the token has been used already: a token opens one embed (sign a new one, with a new jti)");
        }
    }
}
