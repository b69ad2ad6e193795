package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Scope;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every analyst-SQL bad input of BAD-INPUTS.md is refused with a reason (and a position where
 * there is one) before any engine exists; the allowed shapes next to them compile.
 */
class AnalystSqlRefusalTest {

    // no engine at all: a refusal cannot have reached one
    final AnalystSql analystSql = new AnalystSql(
            new CalciteSqlCompiler("pulse", ZoneId.of("Asia/Shanghai"), 100), null, QuerySettings.defaults());
    final Scope east = Scope.of(Set.of("华东"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            # system and metadata tables
            SELECT * FROM system.users                                  | SYSTEM is not allowed                | 1 | 15
            SELECT * FROM system.query_log                              | SYSTEM is not allowed                | 1 | 15
            SELECT * FROM information_schema.tables                     | Object 'information_schema' not found | 1 | 15
            SELECT * FROM other_db.transactions                         | Object 'other_db' not found          | 1 | 15
            SELECT * FROM transactions_raw                              | Object 'transactions_raw' not found  | 1 | 15
            # more than one statement, DDL, DML, SET, SETTINGS, FORMAT, INTO OUTFILE
            SELECT 1 FROM transactions; SELECT 2 FROM transactions      | exactly one statement is allowed     | 0 | 0
            SELECT * FROM transactions; DROP TABLE transactions         | DROP is not allowed                  | 1 | 29
            INSERT INTO transactions SELECT * FROM transactions         | only a read-only query is allowed, not INSERT | 1 | 1
            ALTER TABLE transactions DELETE WHERE 1 = 1                 | ALTER is not allowed                 | 1 | 7
            DELETE FROM transactions                                    | only a read-only query is allowed, not DELETE | 1 | 1
            DROP TABLE transactions                                     | DROP is not allowed                  | 1 | 1
            OPTIMIZE TABLE transactions_raw FINAL                       | OPTIMIZE is not allowed              | 1 | 1
            SYSTEM FLUSH LOGS                                           | SYSTEM is not allowed                | 1 | 1
            KILL QUERY WHERE 1                                          | KILL is not allowed                  | 1 | 1
            GRANT ALL ON *.* TO somebody                                | GRANT is not allowed                 | 1 | 1
            CREATE FUNCTION f AS x -> x                                 | CREATE is not allowed                | 1 | 1
            SET max_threads = 1                                         | only a read-only query is allowed, not SET_OPTION | 1 | 1
            SELECT * FROM transactions SETTINGS max_threads = 1         | SETTINGS is not allowed              | 1 | 37
            SELECT * FROM transactions FORMAT JSON                      | FORMAT is not allowed                | 1 | 35
            ^SELECT * FROM transactions INTO OUTFILE '/tmp/x'^          | INTO is not allowed                  | 1 | 28
            ^  EXPLAIN PLAN FOR SELECT * FROM transactions^               | only a read-only query is allowed, not EXPLAIN | 1 | 3
            # table functions in any position, case or quoting
            ^SELECT * FROM url('http://evil/', CSV, 'a String')^        | a table function is not allowed     | 1 | 15
            ^SELECT * FROM file('/etc/passwd')^                         | a table function is not allowed     | 1 | 15
            ^SELECT * FROM FILE('/etc/passwd')^                         | a table function is not allowed     | 1 | 15
            ^SELECT * FROM "file"('/etc/passwd')^                       | a table function is not allowed     | 1 | 15
            ^SELECT * FROM TABLE(file('/etc/passwd'))^                  | a table function is not allowed     | 1 | 15
            ^SELECT * FROM '/etc/passwd'^                               | a string cannot be read as a table  | 1 | 15
            ^SELECT * FROM remote('127.0.0.1', pulse.transactions)^     | a table function is not allowed     | 1 | 15
            ^SELECT * FROM s3('http://bucket/x')^                       | a table function is not allowed     | 1 | 15
            ^SELECT * FROM mysql('h', 'db', 't', 'u', 'p')^             | a table function is not allowed     | 1 | 15
            ^SELECT * FROM postgresql('h', 'db', 't', 'u', 'p')^        | a table function is not allowed     | 1 | 15
            ^SELECT * FROM jdbc('x', 'y')^                              | a table function is not allowed     | 1 | 15
            ^SELECT * FROM executable('x.sh', TSV, 'a String')^         | a table function is not allowed     | 1 | 15
            ^SELECT * FROM merge('pulse', '.*')^                        | MERGE is not allowed                | 1 | 15
            SELECT * FROM numbers(1e12)                                 | a table function is not allowed     | 1 | 15
            ^SELECT * FROM transactions t JOIN file('x') f ON t.event_id = f.a^ | a table function is not allowed | 1 | 35
            ^SELECT event_id FROM transactions WHERE customer_id IN (SELECT * FROM url('http://x'))^ | a table function is not allowed | 1 | 71
            ^WITH x AS (SELECT * FROM file('/etc/passwd')) SELECT * FROM x^ | a table function is not allowed  | 1 | 26
            # functions outside the allowed list
            SELECT sleep(3) FROM transactions                           | function sleep is not allowed       | 1 | 8
            ^SELECT getSetting('max_threads') FROM transactions^        | function getSetting is not allowed  | 1 | 8
            SELECT currentUser() FROM transactions                      | function currentUser is not allowed | 1 | 8
            SELECT CURRENT_USER FROM transactions                       | function CURRENT_USER is not allowed | 1 | 8
            ^SELECT dictGet('d', 'a', 1) FROM transactions^             | function dictGet is not allowed     | 1 | 8
            ^SELECT file('/etc/passwd') FROM transactions^              | function file is not allowed        | 1 | 8
            ^SELECT event_id FROM transactions WHERE region = currentDatabase()^ | function currentDatabase is not allowed | 1 | 50
            # evasion that cannot be secured is refused
            ^SELECT * FROM transactions PREWHERE region = '华南'^       | PREWHERE is not allowed             | 1 | 37
            SELECT * FROM transactions, LATERAL (SELECT 1 FROM feedback) | LATERAL is not allowed             | 1 | 38
            ^SELECT 1^                                                  | the query reads no view              | 0 | 0
            # names that could leave their quotes in ClickHouse, where a backslash escapes
            ^SELECT event_id AS "a\\" FROM transactions^                | the name "a\\" contains a quote, backslash or control character | 1 | 20
            ^SELECT event_id AS "x` FROM system.users --" FROM transactions^ | contains a quote, backslash or control character | 1 | 20
            ^WITH "q'" AS (SELECT event_id FROM transactions) SELECT * FROM "q'"^ | contains a quote, backslash or control character | 1 | 6
            # resource abuse
            SELECT * FROM transactions a, survey_responses b            | cross joins are not allowed         | 0 | 0
            SELECT * FROM transactions CROSS JOIN feedback              | cross joins are not allowed         | 0 | 0
            SELECT * FROM transactions a JOIN feedback b ON 1 = 1       | cross joins are not allowed         | 0 | 0
            SELECT count(*) FROM transactions a JOIN transactions b ON a.event_id <> b.event_id | non-equi joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a JOIN transactions b ON a.amount < b.amount | non-equi joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a, feedback b WHERE a.ts < b.ts | non-equi joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a, transactions b WHERE a.amount BETWEEN b.amount AND b.amount + 1 | non-equi joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a JOIN transactions b ON a.event_id = b.event_id OR a.customer_id = b.customer_id | non-equi joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a LEFT JOIN feedback b ON a.customer_id LIKE b.customer_id | non-equi joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a JOIN feedback b ON a.region = a.region AND b.region = b.region | cross joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a JOIN transactions b ON a.customer_id = b.customer_id JOIN transactions c ON c.amount > b.amount | non-equi joins are not allowed | 0 | 0
            SELECT count(*) FROM transactions a WHERE a.customer_id IN (SELECT b.customer_id FROM transactions b JOIN feedback f ON b.ts > f.ts) | non-equi joins are not allowed | 0 | 0
            # plain mistakes
            SELECT nothing FROM transactions                            | Column 'nothing' not found          | 1 | 8
            SELEC * FROM transactions                                   | Non-query expression                | 1 | 1
            """)
    void refusesWithAReasonAndPosition(String sql, String reason, int line, int column) {
        assertThatThrownBy(() -> analystSql.compile(sql, east)).isInstanceOfSatisfying(SqlRefusedException.class, e -> {
            assertThat(e.getMessage()).contains(reason);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
        });
    }

    @Test
    void refusesTenThousandNestedParenthesesBeforeParsing() {
        String sql = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + " FROM transactions";

        assertThatThrownBy(() -> analystSql.compile(sql, east)).isInstanceOfSatisfying(SqlRefusedException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("parentheses nest deeper than 64 levels");
            assertThat(e.column()).isEqualTo(8 + 64);
        });
    }

    @Test
    void parenthesesInsideStringsAndCommentsDoNotCount() {
        String sql = "SELECT event_id FROM transactions -- " + "(".repeat(100) + "\nWHERE region <> '" + "(".repeat(100)
                + "'";

        assertThat(analystSql.compile(sql, east).sql()).contains("`region` <> {p0:String}");
    }

    @Test
    void refusesAMegabyteOfSql() {
        String sql = "SELECT event_id FROM transactions WHERE event_id <> '" + "x".repeat(1 << 20) + "'";

        assertThatThrownBy(() -> analystSql.compile(sql, east))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessage("sql is 1048630 bytes, more than the limit of 65536");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void refusesAnEmptyQuery(String sql) {
        assertThatThrownBy(() -> analystSql.compile(sql, east))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessage("sql is required");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            ^SELECT event_id FROM transactions WHERE 1=1 OR region <> '华东'^ | WHERE `region` = {p3:String}) AS `transactions` WHERE {p0:Int64} = {p1:Int64} OR `region` <> {p2:String}
            SELECT region, count(*) AS n FROM feedback GROUP BY region ORDER BY n DESC LIMIT 3 | GROUP BY `region` ORDER BY 2 DESC NULLS FIRST LIMIT 3
            ^SELECT EXTRACT(YEAR FROM ts) AS y, SUM(amount) FROM transactions GROUP BY EXTRACT(YEAR FROM ts)^ | EXTRACT(YEAR FROM `ts`) AS `y`, SUM(`amount`)
            ^SELECT event_id FROM transactions WHERE ts >= TIMESTAMP '2026-01-01 00:00:00'^ | `ts` >= {p0:DateTime64(3, 'UTC')}
            ^SELECT name FROM campaigns WHERE cost > 100.5^ | `cost` > {p0:Decimal(18, 2)}
            ^select COUNT(*) from "pulse"."TRANSACTIONS"^ | SELECT COUNT(*) FROM (SELECT * FROM `pulse`.`transactions` WHERE `region` = {p0:String}) AS `transactions`
            ^SELECT * FROM transactions FINAL^ | FROM `pulse`.`transactions` WHERE `region` = {p0:String}
            ^SELECT a.event_id FROM transactions a, feedback b WHERE a.customer_id = b.customer_id AND a.ts < b.ts^ | WHERE `transactions0`.`customer_id` = `feedback0`.`customer_id` AND `transactions0`.`ts` < `feedback0`.`ts`
            ^SELECT a.event_id FROM transactions a JOIN customers c ON LOWER(a.customer_id) = LOWER(c.customer_id)^ | LOWER(`customer_id`) AS `$f10` FROM (SELECT * FROM `pulse`.`customers` WHERE `region` = {p0:String}) AS `customers`) AS `t2` ON `t0`.`$f10` = `t2`.`$f10`
            ^SELECT t.event_id FROM transactions t JOIN (SELECT AVG(amount) AS m FROM transactions) x ON t.amount > x.m^ | `amount` > `t2`.`m`
            """)
    void allowedQueriesCompileWithBoundValuesAndTheRegionFilter(String sql, String expectedFragment) {
        CompiledQuery compiled = analystSql.compile(sql, east);

        assertThat(compiled.sql().replace('\n', ' ')).contains(expectedFragment).doesNotContain("华东");
        assertThat(compiled.params()).containsValue("华东");
    }
}
