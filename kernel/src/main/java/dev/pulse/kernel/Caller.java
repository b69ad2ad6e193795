package dev.pulse.kernel;

/**
 * Who is asking: the authenticated principal of every request, whether it came with an API key,
 * a session or an embedding token.
 *
 * @param name a display name; never a secret
 * @param role what the caller may do
 * @param scope which regions' rows the caller may see
 */
public record Caller(String name, Role role, Scope scope) {

    public Caller {
        if (role == Role.REGIONAL_MANAGER && scope.all()) {
            throw new IllegalArgumentException("a regional manager needs regions");
        }
    }
}
