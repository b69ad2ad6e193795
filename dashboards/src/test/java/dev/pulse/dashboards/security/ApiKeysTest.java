package dev.pulse.dashboards.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.core.GrantedAuthority;

/** API keys: parsed from {@code key:ROLE[:region|region]}, matched exactly, never shown in errors or text. */
class ApiKeysTest {

    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");

    @Test
    void findsTheCallerOfEachKey() {
        ApiKeys keys = new ApiKeys(" s3cret-ingest:INGEST , exec-Key:EXECUTIVE,rm-key:REGIONAL_MANAGER:华东|华南", REGIONS);
        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.find("s3cret-ingest")).hasValue(new Caller("api-key-1", Role.INGEST, Scope.ALL));
        assertThat(keys.find("exec-Key")).hasValue(new Caller("api-key-2", Role.EXECUTIVE, Scope.ALL));
        assertThat(keys.find("rm-key"))
                .hasValue(new Caller("api-key-3", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东", "华南"))));
    }

    @ParameterizedTest
    @CsvSource({"'s3cret-ingest x'", "s3cret-inges", "S3CRET-INGEST", "exec-key", "''", "s3cret-ingest:INGEST"})
    void aKeyThatIsNotExactlyConfiguredFindsNobody(String presented) {
        ApiKeys keys = new ApiKeys("s3cret-ingest:INGEST,exec-Key:EXECUTIVE", REGIONS);
        assertThat(keys.find(presented)).isEmpty();
    }

    @Test
    void noKeysConfiguredLetsNobodyIn() {
        assertThat(new ApiKeys("", REGIONS).find("")).isEmpty();
        assertThat(new ApiKeys(null, REGIONS).size()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            value = {
                "topsecret                          # must look like key:ROLE",
                "topsecret:BOSS                     # unknown role",
                ":ADMIN                             # must look like key:ROLE",
                "topsecret:ADMIN:x:y                # must look like key:ROLE",
                "topsecret:REGIONAL_MANAGER         # needs regions",
                "topsecret:REGIONAL_MANAGER:        # needs regions",
                "topsecret:REGIONAL_MANAGER:火星     # unknown region",
                "topsecret:REGIONAL_MANAGER:华东|东京 # unknown region",
                "topsecret:ADMIN:华东               # only REGIONAL_MANAGER keys take regions"
            })
    void aMalformedEntryFailsNamingItsPositionButNeverTheKey(String entry, String error) {
        assertThatThrownBy(() -> new ApiKeys("ok-key:ADMIN," + entry.strip(), REGIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2")
                .hasMessageContaining(error)
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void neitherTheKeysNorTheSettingsPrintAKey() {
        assertThat(new ApiKeys("topsecret:ADMIN", REGIONS).toString())
                .doesNotContain("topsecret")
                .contains("1 keys");
        assertThat(new SecuritySettings("topsecret:ADMIN").toString()).doesNotContain("topsecret");
    }

    @Test
    void theAuthenticationCarriesTheCallerAndItsRoleAsAuthority() {
        Caller caller = new Caller("api-key-1", Role.QUALITY, Scope.ALL);
        ApiKeyAuthentication authentication = new ApiKeyAuthentication(caller);
        assertThat(authentication.getPrincipal()).isEqualTo(caller);
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getCredentials()).isEqualTo("");
        assertThat(authentication.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_QUALITY");
    }
}
