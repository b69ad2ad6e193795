package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated analyst queries ({@link RegionShapeGrammar}) per run, each run for a 华东 manager
 * on every region's rows and for an executive on a database that holds 华东's rows alone: the answers
 * must be the same multiset (the same list under ORDER BY ... LIMIT), or both runs fail alike (refused
 * with the same reason, the same engine error code, or the same exception).
 *
 * <p>The seed differs per run and is in every failure message; {@code -Dpulse.region-shapes.seed=N}
 * replays a run.
 */
class GeneratedRegionShapesIT {

    static final int QUERIES = 300;
    static final Caller MANAGER = new Caller("east", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
    static final Caller EXECUTIVE = new Caller("ceo", Role.EXECUTIVE, Scope.ALL);

    static SeededWarehouse all;
    static SeededWarehouse east;

    @BeforeAll
    static void seed() {
        all = new SeededWarehouse();
        east = SeededWarehouse.onlyRegion("pulse_query_east_it", "华东");
    }

    @AfterAll
    static void close() {
        east.close();
        all.close();
    }

    @Test
    void everyGeneratedQueryAnswersAsOnTheEastsRowsAlone() {
        long seed = Long.getLong("pulse.region-shapes.seed", new SecureRandom().nextLong());
        System.out.println( // console: the seed replays a failing run
                "GeneratedRegionShapesIT seed " + seed + " (-Dpulse.region-shapes.seed=" + seed + " replays it)");
        RegionShapeGrammar grammar =
                new RegionShapeGrammar(new Random(seed), RegionAliasShapesIT.KEYS, WarehouseCatalog.views());
        int accepted = 0;
        Map<String, Integer> refused = new TreeMap<>();
        int telling = 0;
        for (int i = 0; i < QUERIES; i++) {
            String sql = grammar.next().sql();
            String where = "seed " + seed + ", query " + i + ": " + sql;
            Answers.Outcome manager = Answers.run(all.analystSql, sql, MANAGER);
            Answers.Outcome oracle = Answers.run(east.analystSql, sql, EXECUTIVE);
            if (oracle.error() != null) {
                assertThat(manager.error()).as(where).isEqualTo(oracle.error());
                refused.merge(oracle.error().replaceAll(":.*", ""), 1, Integer::sum);
                continue;
            }
            assertThat(manager.error()).as(where).isNull();
            if (Answers.ordered(sql)) {
                assertThat(manager.rows()).as(where).isEqualTo(oracle.rows());
            } else {
                assertThat(manager.rows()).as(where).containsExactlyInAnyOrderElementsOf(oracle.rows());
            }
            accepted++;
            List<List<Object>> everyRegion = Answers.of(all.analystSql.run(sql, EXECUTIVE));
            if (!Answers.sorted(everyRegion).equals(Answers.sorted(oracle.rows()))) {
                telling++;
            }
        }
        System.out.println("GeneratedRegionShapesIT seed " + seed + ": " // console: how telling the run was
                + accepted + " answered alike, " + telling
                + " of them different for every region; failed alike: " + refused);
        // not vacuous: most queries run, and most of those would have shown a leak as a different answer
        assertThat(accepted)
                .as("seed %d: accepted %d, refused by both %d", seed, accepted, refused)
                .isGreaterThan(QUERIES * 2 / 3);
        assertThat(telling)
                .as("seed %d: queries whose answer differs for every region", seed)
                .isGreaterThan(accepted / 2);
    }
}
