package dev.pulse.dashboards.embed;

import dev.pulse.kernel.InvalidFieldException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The applications an ADMIN registered for embedding, each with the secret that signs its tokens. */
@Service
public class EmbedApps {

    /** A registered application; the secret is never listed. */
    public record App(String id, String name, String origin, OffsetDateTime createdAt, String createdBy) {}

    /** What registration answers: the application and its secret, shown once. */
    public record Registered(App app, String secret) {}

    private final JdbcClient jdbc;
    private final EmbedGrants grants;
    private final SecureRandom random = new SecureRandom();

    EmbedApps(JdbcClient jdbc, EmbedGrants grants) {
        this.jdbc = jdbc;
        this.grants = grants;
    }

    /**
     * Registers an application.
     *
     * @param origin where the host page is served, e.g. {@code https://portal.example.com}: the only
     *     origin allowed to frame the embedded dashboard
     * @throws InvalidFieldException naming the field that is not valid
     */
    public Registered register(String name, String origin, String by) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidFieldException("name", "a name of 1 to 200 characters is required");
        }
        if (!validOrigin(origin)) {
            throw new InvalidFieldException(
                    "origin", "origin must be scheme://host[:port], e.g. https://portal.example.com");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql(
                        "INSERT INTO pulse_embed_app (id, name, secret, origin, created_at, created_by) VALUES (:id, :n, :s, :o, :t, :b)")
                .param("id", id)
                .param("n", name.strip())
                .param("s", secret)
                .param("o", origin)
                .param("t", now)
                .param("b", by)
                .update();
        return new Registered(new App(id, name.strip(), origin, now, by), secret);
    }

    /** Every registered application. */
    public List<App> list() {
        return jdbc.sql("SELECT id, name, origin, created_at, created_by FROM pulse_embed_app ORDER BY created_at DESC")
                .query((rs, i) -> new App(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5)))
                .list();
    }

    /** Removes an application: its tokens and the grants they became stop working at once. */
    public boolean remove(String id) {
        boolean removed = jdbc.sql("DELETE FROM pulse_embed_app WHERE id = :id")
                        .param("id", id)
                        .update()
                > 0;
        grants.revoke(id);
        return removed;
    }

    record Stored(App app, String secret) {}

    Optional<Stored> find(String id) {
        return jdbc.sql("SELECT id, name, origin, created_at, created_by, secret FROM pulse_embed_app WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> new Stored(
                        new App(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class),
                                rs.getString(5)),
                        rs.getString(6)))
                .optional();
    }

    static boolean validOrigin(String origin) {
        if (origin == null || origin.length() > 200) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
