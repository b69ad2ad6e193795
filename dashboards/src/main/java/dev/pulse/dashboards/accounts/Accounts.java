package dev.pulse.dashboards.accounts;

import dev.pulse.dashboards.DashboardsSettings;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The user accounts in the operational database; validates what it stores and hashes every password. */
@Service
public class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final List<String> knownRegions;
    private final PasswordPolicy passwords;

    private final String dummyHash;

    Accounts(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            dev.pulse.kernel.PulseSettings pulse,
            DashboardsSettings settings) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.knownRegions = pulse.regions();
        this.passwords = new PasswordPolicy(settings.passwordMinLength());
        this.dummyHash = encoder.encode(java.util.UUID.randomUUID().toString());
    }

    /** The account of {@code username}, if any. */
    public Optional<Account> find(String username) {
        return jdbc.sql(
                        "SELECT username, display_name, password_hash, role, regions, locale FROM pulse_user WHERE username = :u")
                .param("u", username)
                .query((rs, i) -> new Account(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        regions(rs.getString(5)),
                        rs.getString(6)))
                .optional();
    }

    /** Every account, by username. */
    public List<Account> list() {
        return jdbc.sql(
                        "SELECT username, display_name, password_hash, role, regions, locale FROM pulse_user ORDER BY username")
                .query((rs, i) -> new Account(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        regions(rs.getString(5)),
                        rs.getString(6)))
                .list();
    }

    /** Whether any account exists. */
    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM pulse_user WHERE username = :u")
                        .param("u", username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Creates an account.
     *
     * @throws InvalidFieldException naming the field that is not valid
     */
    public void create(
            String username, String displayName, String password, Role role, Set<String> regions, String locale) {
        validate(username, displayName, role, regions, locale);
        passwords.check(username, password);
        if (exists(username)) {
            throw new InvalidFieldException("username", "the username is taken");
        }
        jdbc.sql("""
                INSERT INTO pulse_user (username, display_name, password_hash, role, regions, locale, created_at)
                VALUES (:u, :d, :p, :r, :g, :l, :t)""")
                .param("u", username)
                .param("d", displayName.strip())
                .param("p", encoder.encode(password))
                .param("r", role.name())
                .param("g", String.join("|", regions))
                .param("l", locale)
                .param("t", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    /**
     * Changes the password of an existing account (an ADMIN's reset) and ends every session of it.
     *
     * @throws InvalidFieldException naming {@code password} when the policy refuses it, {@code username} when there is no such account
     */
    public void setPassword(String username, String password) {
        passwords.check(username, password);
        int changed = jdbc.sql(
                        "UPDATE pulse_user SET password_hash = :p, session_version = session_version + 1 WHERE username = :u")
                .param("p", encoder.encode(password))
                .param("u", username)
                .update();
        if (changed == 0) {
            throw new InvalidFieldException("username", "no such user");
        }
    }

    /**
     * A person changes their own password, proving the current one; every session of the account ends.
     *
     * @return the account's new session version, for the session that made the change to keep
     * @throws InvalidFieldException naming {@code currentPassword} when it is wrong, {@code password} when the policy refuses it
     */
    public long changeOwnPassword(String username, String currentPassword, String password) {
        Account account = find(username)
                .orElseThrow(() -> new InvalidFieldException("username", "only a person's account has a password"));
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new InvalidFieldException("currentPassword", "the current password is required");
        }
        if (!matches(account, currentPassword)) {
            throw new InvalidFieldException("currentPassword", "the current password is not correct");
        }
        if (password != null && password.equals(currentPassword)) {
            throw new InvalidFieldException("password", "the new password must differ from the current one");
        }
        setPassword(username, password);
        return sessionVersion(username).orElseThrow();
    }

    /**
     * Changes the role and regions of an account and ends its sessions; the last ADMIN keeps the role.
     *
     * @throws InvalidFieldException naming the field that is not valid
     */
    public void changeRole(String username, Role role, Set<String> regions) {
        Account account = find(username).orElseThrow(() -> new InvalidFieldException("username", "no such user"));
        validate(username, account.displayName(), role, regions, account.locale());
        if (account.role() == Role.ADMIN && role != Role.ADMIN && admins() <= 1) {
            throw new InvalidFieldException("role", "the last administrator must stay an administrator");
        }
        jdbc.sql(
                        "UPDATE pulse_user SET role = :r, regions = :g, session_version = session_version + 1 WHERE username = :u")
                .param("r", role.name())
                .param("g", String.join("|", regions))
                .param("u", username)
                .update();
    }

    /**
     * The version a session of this account must have signed in with to stay valid; empty when the account is gone.
     * Raised by every change of password, role or regions.
     */
    public OptionalLong sessionVersion(String username) {
        return jdbc.sql("SELECT session_version FROM pulse_user WHERE username = :u")
                .param("u", username)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Remembers the language of the pages for this person. */
    public void setLocale(String username, String locale) {
        if (!"zh".equals(locale) && !"en".equals(locale)) {
            throw new InvalidFieldException("locale", "locale must be zh or en");
        }
        jdbc.sql("UPDATE pulse_user SET locale = :l WHERE username = :u")
                .param("l", locale)
                .param("u", username)
                .update();
    }

    /** Removes an account; the last ADMIN cannot be removed. */
    public void delete(String username) {
        Optional<Account> account = find(username);
        if (account.isEmpty()) {
            throw new InvalidFieldException("username", "no such user");
        }
        if (account.get().role() == Role.ADMIN && admins() <= 1) {
            throw new InvalidFieldException("username", "the last administrator cannot be removed");
        }
        jdbc.sql("DELETE FROM pulse_user WHERE username = :u")
                .param("u", username)
                .update();
    }

    /** Whether {@code password} is the account's password; hashes of an outdated strength are upgraded. */
    public boolean matches(Account account, String password) {
        if (!encoder.matches(password, account.passwordHash())) {
            return false;
        }
        if (encoder.upgradeEncoding(account.passwordHash())) {
            jdbc.sql("UPDATE pulse_user SET password_hash = :p WHERE username = :u")
                    .param("p", encoder.encode(password))
                    .param("u", account.username())
                    .update();
        }
        return true;
    }

    /** Hashes a password no account has, so that an unknown username costs as much time as a known one. */
    public void spendHashTime(String password) {
        encoder.matches(password, dummyHash);
    }

    private void validate(String username, String displayName, Role role, Set<String> regions, String locale) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidFieldException("username", "2 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new InvalidFieldException("displayName", "a display name of 1 to 200 characters is required");
        }
        if (role == null || role == Role.INGEST) {
            throw new InvalidFieldException(
                    "role", "role must be one of EXECUTIVE, ANALYST, QUALITY, REGIONAL_MANAGER, ADMIN");
        }
        if (role == Role.REGIONAL_MANAGER && regions.isEmpty()) {
            throw new InvalidFieldException("regions", "a regional manager needs at least one region");
        }
        if (role != Role.REGIONAL_MANAGER && !regions.isEmpty()) {
            throw new InvalidFieldException("regions", "only a regional manager has regions");
        }
        for (String region : regions) {
            if (!knownRegions.contains(region)) {
                throw new InvalidFieldException("regions", "unknown region; regions are " + knownRegions);
            }
        }
        if (!"zh".equals(locale) && !"en".equals(locale)) {
            throw new InvalidFieldException("locale", "locale must be zh or en");
        }
    }

    private long admins() {
        return jdbc.sql("SELECT count(*) FROM pulse_user WHERE role = 'ADMIN'")
                .query(Long.class)
                .single();
    }

    static Set<String> regions(String stored) {
        return stored == null || stored.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(stored.split("\\|")));
    }
}
