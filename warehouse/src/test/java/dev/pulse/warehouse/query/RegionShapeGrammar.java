package dev.pulse.warehouse.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A small grammar of analyst queries that try to read past the region filter: a view or a join of two,
 * a projection with or without an expression named {@code region}, an optional WHERE evasion, an
 * optional aggregate, wrapped in subqueries, CTEs, UNION ALL and joins; one {@link Random} drives
 * every choice, so a seed gives the same queries again.
 */
final class RegionShapeGrammar {

    /** A generated query: its text, its output columns, and whether the column {@code region} is a string. */
    record Query(String sql, List<String> columns, boolean stringRegion) {

        boolean has(String column) {
            return columns.contains(column);
        }
    }

    private static final List<String> WITH_CUSTOMER = List.of(
            "customers", "transactions", "survey_responses", "feedback", "follow_up_cases", "survey_invitations");

    /** Strings named region; {@code {k}} is the key, {@code {r}} the region column, both qualified as needed. */
    private static final List<String> STRING_ALIASES = List.of(
            "'华东'",
            "CASE WHEN {k} IS NOT NULL THEN '华东' ELSE {r} END",
            "UPPER('华东')",
            "CAST('华东' AS VARCHAR(20))",
            "'华' || '东'",
            "{r} || ''",
            "{k}",
            "{r}");

    private static final List<String> EVASIONS = List.of(
            "1=1 OR {r} <> '华东'",
            "{r} <> '华东'",
            "{r} = '华北' OR {k} IS NOT NULL",
            "{r} IN ('华北', '华南', '西北') OR 1=1",
            "NOT ({r} = '华东') OR {k} LIKE '%'",
            "{r} IS NULL OR {r} IS NOT NULL");

    private final Random random;
    private final Map<String, String> keys;
    private final List<String> views;
    private int names;

    RegionShapeGrammar(Random random, Map<String, String> keys, Set<String> views) {
        this.random = random;
        this.keys = keys;
        this.views = views.stream().sorted().toList();
    }

    /** The next query, maybe ordered and limited at the outside. */
    Query next() {
        Query query = core();
        for (int wraps = random.nextInt(3); wraps > 0; wraps--) {
            query = wrap(query);
        }
        if (random.nextInt(4) == 0) {
            query = new Query(
                    query.sql() + " ORDER BY " + String.join(", ", query.columns()) + " LIMIT "
                            + (1 + random.nextInt(5)),
                    query.columns(),
                    query.stringRegion());
        }
        return query;
    }

    private Query core() {
        String view = pick(views);
        String key = keys.get(view);
        boolean join = WITH_CUSTOMER.contains(view) && random.nextInt(4) == 0;
        String from = view;
        String k = key;
        String r = "region";
        String other = null;
        if (join) {
            String second = pick(WITH_CUSTOMER);
            from = view + " a JOIN " + second + " b ON a.customer_id = b.customer_id";
            k = "a." + key;
            r = "a.region";
            other = "b." + keys.get(second);
        }
        String where = "";
        if (random.nextBoolean()) {
            where = " WHERE "
                    + (!join && random.nextInt(5) == 0
                            ? k + " IN (SELECT " + key + " FROM " + view + " WHERE 1=1 OR region <> '华东')"
                            : fill(pick(EVASIONS), k, r));
        }
        if (random.nextInt(3) == 0) {
            return aggregate(from, where, k, r);
        }
        List<String> items = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        items.add(k + " AS id");
        columns.add("id");
        if (other != null) {
            items.add(other + " AS id2");
            columns.add("id2");
        }
        boolean stringRegion = true;
        switch (random.nextInt(4)) {
            case 0 -> stringRegion = false;
            case 1 -> {
                // a window function named region: ROW_NUMBER needs a unique order, which a join does not give
                items.add((join ? "COUNT(*) OVER (PARTITION BY " + r + ")" : "ROW_NUMBER() OVER (ORDER BY " + k + ")")
                        + " AS region");
                columns.add("region");
                stringRegion = false;
            }
            default -> {
                items.add(fill(pick(STRING_ALIASES), k, r) + " AS region");
                columns.add("region");
            }
        }
        return new Query("SELECT " + String.join(", ", items) + " FROM " + from + where, columns, stringRegion);
    }

    private Query aggregate(String from, String where, String k, String r) {
        List<String> items = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        String group = switch (random.nextInt(3)) {
            case 0 -> r;
            case 1 -> k;
            default -> null;
        };
        if (group != null) {
            items.add(group + " AS g");
            columns.add("g");
        }
        items.add("COUNT(*) AS n");
        columns.add("n");
        boolean stringRegion = false;
        switch (random.nextInt(4)) {
            case 0 -> {}
            case 1 -> {
                items.add("MAX(" + r + ") AS region");
                columns.add("region");
                stringRegion = true;
            }
            case 2 -> {
                items.add("SUM(CHAR_LENGTH(" + k + ")) AS region");
                columns.add("region");
            }
            default -> {
                items.add("'华东' AS region");
                columns.add("region");
                stringRegion = true;
            }
        }
        String sql = "SELECT " + String.join(", ", items) + " FROM " + from + where
                + (group == null ? "" : " GROUP BY " + group)
                + (random.nextBoolean() ? " HAVING COUNT(*) > 0" : "");
        return new Query(sql, columns, stringRegion);
    }

    private Query wrap(Query inner) {
        String name = "w" + names++;
        switch (random.nextInt(5)) {
            case 0 -> {
                String where = inner.has("region") && inner.stringRegion() && random.nextBoolean()
                        ? " WHERE " + name + ".region = '华北' OR 1=1"
                        : "";
                return new Query(
                        "SELECT * FROM (" + inner.sql() + ") AS " + name + where,
                        inner.columns(),
                        inner.stringRegion());
            }
            case 1 -> {
                return new Query(
                        "WITH " + name + " AS (" + inner.sql() + ") SELECT * FROM " + name,
                        inner.columns(),
                        inner.stringRegion());
            }
            case 2 -> {
                return new Query(inner.sql() + " UNION ALL " + inner.sql(), inner.columns(), inner.stringRegion());
            }
            case 3 -> {
                if (!inner.has("id")) {
                    return wrap(inner);
                }
                List<String> columns = new ArrayList<>(inner.columns());
                columns.add(name + "_id");
                return new Query(
                        "SELECT a.*, b.id AS " + name + "_id FROM (" + inner.sql() + ") AS a JOIN (" + inner.sql()
                                + ") AS b ON a.id = b.id",
                        columns,
                        inner.stringRegion());
            }
            default -> {
                if (!inner.has("region") || !inner.stringRegion()) {
                    return wrap(inner);
                }
                List<String> columns = new ArrayList<>(inner.columns());
                columns.add(name + "_n");
                return new Query(
                        "SELECT a.*, b.n AS " + name + "_n FROM (" + inner.sql()
                                + ") AS a JOIN (SELECT region, COUNT(*) AS n FROM " + pick(views)
                                + " GROUP BY region) AS b ON a.region = b.region",
                        columns,
                        true);
            }
        }
    }

    private static String fill(String template, String key, String region) {
        return template.replace("{k}", key).replace("{r}", region);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
