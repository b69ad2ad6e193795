package dev.pulse.dashboards.security;

import dev.pulse.dashboards.accounts.Account;
import dev.pulse.dashboards.accounts.Accounts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a username and password against the accounts; the authenticated principal is the
 * account's {@link dev.pulse.kernel.Caller}, so that the query API sees a session exactly as it
 * sees an API key. Unknown usernames cost the same hashing time as known ones and get the same answer.
 */
final class PasswordLogin implements AuthenticationProvider {

    private final Accounts accounts;
    private final LoginThrottle throttle;

    PasswordLogin(Accounts accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName() == null
                ? ""
                : authentication.getName().strip().toLowerCase(Locale.ROOT);
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "";
        Optional<Duration> wait = throttle.locked(username, address);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        Optional<Account> account = accounts.find(username);
        if (account.isEmpty()) {
            accounts.spendHashTime(password);
        }
        if (account.isEmpty() || !accounts.matches(account.get(), password)) {
            throttle.failed(username, address);
            throw new BadCredentialsException("bad credentials");
        }
        throttle.succeeded(username, address);
        Account found = account.get();
        // read after the password matched: a change made since then raised it, and this session ends at its next
        // request
        long version = accounts.sessionVersion(found.username())
                .orElseThrow(() -> new BadCredentialsException("bad credentials"));
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                found.caller(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + found.role().name())));
        result.setDetails(new SignedIn(found.displayName(), found.uiLocale(), version));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * What the pages need of the account besides the caller, and the account's session version at sign-in.
     *
     * @param sessionVersion the session stays valid while the account still has this version ({@link SessionVersionFilter})
     */
    record SignedIn(String displayName, Locale locale, long sessionVersion) implements java.io.Serializable {}
}
