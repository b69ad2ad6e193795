package dev.pulse.surveys.rules;

import dev.pulse.surveys.InvitationRulesSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs {@link InvitationRuleService#run()} every {@code pulse.surveys.rules.interval}, unless disabled. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(InvitationRulesSettings.class)
class RulesConfiguration implements SchedulingConfigurer {

    private final InvitationRulesSettings settings;
    private final InvitationRuleService rules;

    RulesConfiguration(InvitationRulesSettings settings, InvitationRuleService rules) {
        this.settings = settings;
        this.rules = rules;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.enabled()) {
            registrar.addFixedDelayTask(rules::run, settings.interval());
        }
    }
}
