package dev.pulse.dashboards.accounts;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.util.Locale;
import java.util.Set;

/**
 * A person who signs in to the web application.
 *
 * @param username unique sign-in name
 * @param displayName shown in the header
 * @param passwordHash a delegating-encoder hash such as {@code {bcrypt}$2a$...}; never shown
 * @param role what the person may do
 * @param regions the regions of a REGIONAL_MANAGER, empty for every other role
 * @param locale {@code zh} or {@code en}, remembered across sessions
 */
public record Account(
        String username, String displayName, String passwordHash, Role role, Set<String> regions, String locale) {

    public Account {
        regions = Set.copyOf(regions);
    }

    /** The principal every query of this person runs as. */
    public Caller caller() {
        return new Caller(username, role, role == Role.REGIONAL_MANAGER ? Scope.of(regions) : Scope.ALL);
    }

    /** The locale the pages are shown in. */
    public Locale uiLocale() {
        return "en".equals(locale) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + ", " + regions + "]";
    }
}
