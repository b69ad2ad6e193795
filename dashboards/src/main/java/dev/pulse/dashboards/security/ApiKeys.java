package dev.pulse.dashboards.security;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys, held only as SHA-256 digests and matched in constant time: every
 * presented key is compared with every configured one, so timing says nothing about how close a
 * guess was or which entry matched.
 */
final class ApiKeys {

    /** One configured key: only its digest is kept. */
    private record Entry(byte[] digest, Caller caller) {}

    private final List<Entry> entries;

    /**
     * @param spec comma list of {@code key:ROLE[:region|region]}; errors name the entry's position,
     *     never the key
     * @param knownRegions the regions a regional manager may be limited to
     */
    ApiKeys(String spec, List<String> knownRegions) {
        List<Entry> parsed = new ArrayList<>();
        String[] items = spec == null ? new String[0] : spec.split(",");
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (!item.isEmpty()) {
                parsed.add(parse(item, i + 1, knownRegions));
            }
        }
        this.entries = List.copyOf(parsed);
    }

    private static Entry parse(String item, int position, List<String> knownRegions) {
        String[] parts = item.split(":", -1);
        String where = "pulse.security.api-keys entry " + position;
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException(
                    where + " must look like key:ROLE or key:REGIONAL_MANAGER:region|region");
        }
        Role role;
        try {
            role = Role.valueOf(parts[1].strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where + " has an unknown role; roles are " + Arrays.toString(Role.values()));
        }
        Scope scope = Scope.ALL;
        if (role == Role.REGIONAL_MANAGER) {
            if (parts.length < 3 || parts[2].isBlank()) {
                throw new IllegalArgumentException(
                        where + ": a REGIONAL_MANAGER key needs regions (key:REGIONAL_MANAGER:华东|华南)");
            }
            Set<String> regions = new LinkedHashSet<>();
            for (String region : parts[2].split("\\|")) {
                if (!knownRegions.contains(region.strip())) {
                    throw new IllegalArgumentException(where + " names an unknown region; regions are " + knownRegions);
                }
                regions.add(region.strip());
            }
            scope = Scope.of(regions);
        } else if (parts.length == 3) {
            throw new IllegalArgumentException(where + ": only REGIONAL_MANAGER keys take regions");
        }
        Caller caller = new Caller("api-key-" + position, role, scope);
        return new Entry(sha256(parts[0]), caller);
    }

    /** The caller a presented key belongs to. */
    Optional<Caller> find(String presented) {
        byte[] digest = sha256(presented);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    int size() {
        return entries.size();
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + entries.size() + " keys]";
    }
}
