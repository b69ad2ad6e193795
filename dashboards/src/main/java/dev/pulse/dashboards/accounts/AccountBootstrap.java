package dev.pulse.dashboards.accounts;

import dev.pulse.dashboards.DashboardsSettings;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator ({@code admin}) when there is none, and the demo users when demo
 * data is on. There is no setup endpoint: the only way in is this bootstrap. A generated password
 * goes to the console once, not to the log, and is never shown again.
 */
@Component
class AccountBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);

    /** The demo users: username, display name, role, regions. */
    static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("exec", "王总 (Executive)", Role.EXECUTIVE, Set.of()),
            new DemoUser("analyst", "李分析 (Analyst)", Role.ANALYST, Set.of()),
            new DemoUser("quality", "张质量 (Quality)", Role.QUALITY, Set.of()),
            new DemoUser("manager.huadong", "陈经理 华东 (Regional manager)", Role.REGIONAL_MANAGER, Set.of("华东")),
            new DemoUser("manager.huanan", "刘经理 华南 (Regional manager)", Role.REGIONAL_MANAGER, Set.of("华南")));

    record DemoUser(String username, String displayName, Role role, Set<String> regions) {}

    private final Accounts accounts;
    private final DashboardsSettings settings;

    AccountBootstrap(Accounts accounts, DashboardsSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.exists("admin") && accounts.list().stream().noneMatch(a -> a.role() == Role.ADMIN)) {
            boolean generated = settings.adminPassword().isBlank();
            String password = generated ? generate() : settings.adminPassword();
            try {
                accounts.create("admin", "Administrator", password, Role.ADMIN, Set.of(), "zh");
            } catch (InvalidFieldException e) {
                // a configured password meets the same policy as any other; say which setting to change, not the
                // password
                throw new IllegalStateException(
                        "PULSE_ADMIN_PASSWORD (pulse.dashboards.admin-password) is refused: " + e.getMessage(), e);
            }
            if (generated) {
                System.out.println( // console: not the log, which is kept and shipped; this is seen once
                        """

                        ================================================================
                          Pulse: first administrator created
                            username: admin
                            password: %s
                          It is shown only this once. Set PULSE_ADMIN_PASSWORD to choose it.
                        ================================================================
                        """.formatted(password));
            }
            log.info("Created the first administrator 'admin' ({} password)", generated ? "generated" : "configured");
        }
        if (settings.demoUsers()) {
            for (DemoUser demo : DEMO_USERS) {
                if (!accounts.exists(demo.username())) {
                    try {
                        accounts.create(
                                demo.username(),
                                demo.displayName(),
                                settings.demoPassword(),
                                demo.role(),
                                demo.regions(),
                                "zh");
                    } catch (InvalidFieldException e) {
                        throw new IllegalStateException(
                                "pulse.dashboards.demo-password is refused: " + e.getMessage(), e);
                    }
                    log.info("Created demo user '{}' ({})", demo.username(), demo.role());
                }
            }
        }
    }

    private static String generate() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
