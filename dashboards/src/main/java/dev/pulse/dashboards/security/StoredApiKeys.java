package dev.pulse.dashboards.security;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API keys an ADMIN created in the pages, kept in the operational database as SHA-256 digests (the
 * key is random, 32 bytes, so a fast digest is enough); the key itself is shown once, at creation.
 */
@Service
public class StoredApiKeys {

    /** A stored key as the ADMIN pages list it: never the key. */
    public record KeyInfo(
            String id, String name, Role role, Set<String> regions, OffsetDateTime createdAt, String createdBy) {}

    private final JdbcClient jdbc;
    private final List<String> knownRegions;
    private final SecureRandom random = new SecureRandom();

    StoredApiKeys(JdbcClient jdbc, PulseSettings pulse) {
        this.jdbc = jdbc;
        this.knownRegions = pulse.regions();
    }

    /**
     * Creates a key and answers it; only its digest is stored.
     *
     * @throws InvalidFieldException naming the field that is not valid
     */
    public String create(String name, Role role, Set<String> regions, String by) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidFieldException("name", "a name of 1 to 200 characters is required");
        }
        if (role == null) {
            throw new InvalidFieldException("role", "a role is required");
        }
        if ((role == Role.REGIONAL_MANAGER) == regions.isEmpty()) {
            throw new InvalidFieldException("regions", "a REGIONAL_MANAGER key needs regions, other roles none");
        }
        if (!knownRegions.containsAll(regions)) {
            throw new InvalidFieldException("regions", "unknown region; regions are " + knownRegions);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = "pk_" + HexFormat.of().formatHex(bytes);
        jdbc.sql("""
                INSERT INTO pulse_api_key (id, name, digest, role, regions, created_at, created_by)
                VALUES (:id, :name, :digest, :role, :regions, :at, :by)""")
                .param("id", UUID.randomUUID().toString())
                .param("name", name.strip())
                .param("digest", digest(key))
                .param("role", role.name())
                .param("regions", String.join("|", regions))
                .param("at", OffsetDateTime.now(ZoneOffset.UTC))
                .param("by", by)
                .update();
        return key;
    }

    /** Every stored key, newest first. */
    public List<KeyInfo> list() {
        return jdbc.sql(
                        "SELECT id, name, role, regions, created_at, created_by FROM pulse_api_key ORDER BY created_at DESC")
                .query((rs, i) -> new KeyInfo(
                        rs.getString(1),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)),
                        regions(rs.getString(4)),
                        rs.getObject(5, OffsetDateTime.class),
                        rs.getString(6)))
                .list();
    }

    /** Revokes a key; false when there was none. */
    public boolean revoke(String id) {
        return jdbc.sql("DELETE FROM pulse_api_key WHERE id = :id")
                        .param("id", id)
                        .update()
                > 0;
    }

    /** The caller a presented key belongs to. */
    Optional<Caller> find(String presented) {
        if (!presented.startsWith("pk_")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT name, role, regions FROM pulse_api_key WHERE digest = :d")
                .param("d", digest(presented))
                .query((rs, i) -> {
                    Role role = Role.valueOf(rs.getString(2));
                    Set<String> regions = regions(rs.getString(3));
                    return new Caller(
                            "api-key:" + rs.getString(1),
                            role,
                            role == Role.REGIONAL_MANAGER ? Scope.of(regions) : Scope.ALL);
                })
                .optional();
    }

    private static Set<String> regions(String stored) {
        return stored == null || stored.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(stored.split("\\|")));
    }

    private static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
