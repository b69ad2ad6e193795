package dev.pulse.dashboards.embed;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies embedding tokens: compact JWS with {@code alg} exactly HS256 (so {@code none} and
 * every other algorithm are refused before any key is used), signed with the secret of the
 * application named by {@code iss}, {@code exp} in the future and at most 15 minutes ahead, a known
 * {@code dashboard}, and an optional locked {@code region}. Reasons never contain the token.
 */
final class EmbedTokens {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Set<String> CLAIMS =
            Set.of("iss", "exp", "iat", "nbf", "jti", "dashboard", "region", "aud", "sub");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What a valid token grants, and when it expires.
     *
     * @param tokenId what makes the token single-use: SHA-256 of its issuer and {@code jti}, or of its signature when it has no {@code jti}
     */
    record Claims(
            String appId,
            String appName,
            String origin,
            String dashboard,
            String region,
            Instant expires,
            String tokenId) {}

    private final EmbedApps apps;
    private final Clock clock;
    private final List<String> dashboards;
    private final List<String> regions;

    EmbedTokens(EmbedApps apps, Clock clock, List<String> dashboards, List<String> regions) {
        this.apps = apps;
        this.clock = clock;
        this.dashboards = dashboards;
        this.regions = regions;
    }

    Claims verify(String token) {
        if (token == null || token.length() > 4096) {
            throw new EmbedTokenException("a token is required");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new EmbedTokenException("the token is not a signed JWT");
        }
        JsonNode header = json(parts[0], "header");
        if (!"HS256".equals(header.path("alg").asString(""))) {
            throw new EmbedTokenException("only alg HS256 is accepted");
        }
        JsonNode claims = json(parts[1], "payload");
        String appId = claims.path("iss").asString("");
        EmbedApps.Stored app = apps.find(appId).orElseThrow(() -> new EmbedTokenException("unknown issuer"));
        byte[] expected = hmac(app.secret(), parts[0] + "." + parts[1]);
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new EmbedTokenException("the signature is not base64url");
        }
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new EmbedTokenException("the signature does not match");
        }
        for (String name : claims.propertyNames()) {
            if (!CLAIMS.contains(name)) {
                throw new EmbedTokenException("unknown claim '" + name + "': only dashboard and region can be locked");
            }
        }
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isIntegralNumber()) {
            throw new EmbedTokenException("exp is required (seconds since the epoch)");
        }
        if (exp.asLong() <= now) {
            throw new EmbedTokenException("the token has expired");
        }
        if (exp.asLong() > now + MAX_LIFETIME.plus(SKEW).toSeconds()) {
            throw new EmbedTokenException("exp may be at most 15 minutes ahead");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isIntegralNumber() || nbf.asLong() > now + SKEW.toSeconds())) {
            throw new EmbedTokenException("the token is not valid yet");
        }
        String dashboard = claims.path("dashboard").asString("");
        if (!dashboards.contains(dashboard)) {
            throw new EmbedTokenException("dashboard must be one of " + dashboards);
        }
        JsonNode regionNode = claims.get("region");
        String region = null;
        if (regionNode != null && !regionNode.isNull()) {
            region = regionNode.asString("");
            if (!regions.contains(region)) {
                throw new EmbedTokenException("region must be one of " + regions);
            }
        }
        JsonNode jti = claims.get("jti");
        if (jti != null
                && (!jti.isString()
                        || jti.asString().isEmpty()
                        || jti.asString().length() > 200)) {
            throw new EmbedTokenException("jti must be a string of 1 to 200 characters");
        }
        String tokenId =
                jti == null ? EmbedGrants.digest(parts[2]) : EmbedGrants.digest(appId + "\u0000" + jti.asString());
        return new Claims(
                app.app().id(),
                app.app().name(),
                app.app().origin(),
                dashboard,
                region,
                Instant.ofEpochSecond(exp.asLong()),
                tokenId);
    }

    private static JsonNode json(String part, String what) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new EmbedTokenException("the " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw new EmbedTokenException("the " + what + " is not base64url JSON");
        }
    }

    static byte[] hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
