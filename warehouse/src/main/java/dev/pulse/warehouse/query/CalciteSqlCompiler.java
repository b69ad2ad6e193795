package dev.pulse.warehouse.query;

import dev.pulse.kernel.Scope;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * The Calcite implementation of {@link SqlCompiler}: literals become parameters, every view scan
 * gets the scope's region filter ({@link RegionSecurity}), and the plan is unparsed with
 * {@link PulseClickHouseDialect}. Results are cached by plan shape and scope.
 */
final class CalciteSqlCompiler implements SqlCompiler {

    private final String database;
    private final CalciteSchema root;
    private final JavaTypeFactory typeFactory;
    private final CalciteCatalogReader catalogReader;
    private final PulseClickHouseDialect dialect;
    private final Map<Key, Shape> cache;

    /**
     * @param database the ClickHouse database holding the views; tables are qualified with it
     * @param zone the zone time grains are counted in
     * @param cacheSize how many compiled shapes to keep; 0 disables the cache
     */
    CalciteSqlCompiler(String database, ZoneId zone, int cacheSize) {
        this.database = database;
        this.root = WarehouseCatalog.root(database);
        this.typeFactory = new JavaTypeFactoryImpl(PulseTypeSystem.INSTANCE) {
            @Override
            public Charset getDefaultCharset() {
                // region names and most text are Chinese
                return StandardCharsets.UTF_8;
            }
        };
        CalciteConnectionConfig connection =
                CalciteConnectionConfig.DEFAULT.set(CalciteConnectionProperty.CASE_SENSITIVE, "false");
        this.catalogReader = new CalciteCatalogReader(root, List.of(database), typeFactory, connection);
        this.dialect = new PulseClickHouseDialect(zone);
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Shape> eldest) {
                return size() > cacheSize;
            }
        });
    }

    String database() {
        return database;
    }

    CalciteSchema root() {
        return root;
    }

    JavaTypeFactory typeFactory() {
        return typeFactory;
    }

    CalciteCatalogReader catalogReader() {
        return catalogReader;
    }

    /** A new cluster: per plan, because a cluster counts correlation ids and caches metadata. */
    RelOptCluster cluster() {
        return RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
    }

    @Override
    public RelBuilder builder() {
        return RelFactories.LOGICAL_BUILDER.create(cluster(), catalogReader);
    }

    @Override
    public CompiledQuery compile(RelNode plan, Scope scope) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(scope, "scope");
        Parameterizer.Result parameterized = Parameterizer.apply(plan);
        List<String> types =
                parameterized.types().stream().map(ClickHouseTypes::of).toList();
        // the SQL depends on how many regions a scope has, not which: regions are parameters too
        Key key = new Key(
                PlanShape.of(parameterized.plan()),
                types,
                scope.all() ? 0 : scope.regions().size());
        Shape shape = cache.get(key);
        if (shape == null) {
            shape = shape(parameterized.plan(), types, scope);
            cache.put(key, shape);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        List<Object> values = parameterized.values();
        for (int i = 0; i < values.size(); i++) {
            params.put(ParamSqlWriter.name(i), values.get(i));
        }
        if (shape.regional()) {
            int next = values.size();
            for (String region : scope.regions()) {
                params.put(ParamSqlWriter.name(next++), region);
            }
            if (shape.national()) {
                params.put(ParamSqlWriter.name(next), "");
            }
        }
        return new CompiledQuery(shape.sql(), params, shape.plan());
    }

    /** How many compiled shapes are cached; for tests and the benchmark. */
    int cachedShapes() {
        return cache.size();
    }

    /** Forgets every compiled shape; for measuring compilation without the cache. */
    void clearCache() {
        cache.clear();
    }

    private Shape shape(RelNode plan, List<String> literalTypes, Scope scope) {
        RelNode secured = plan;
        List<String> types = new ArrayList<>(literalTypes);
        boolean national = false;
        boolean regional = false;
        if (!scope.all()) {
            RegionSecurity security =
                    new RegionSecurity(types.size(), scope.regions().size());
            secured = plan.accept(security);
            national = security.readsCampaigns();
            regional = security.scans() > 0;
            for (int i = 0; i <= scope.regions().size(); i++) {
                types.add("String");
            }
        }
        SqlNode sql = new SecuredSqlConverter(dialect).visitRoot(secured).asStatement();
        ParamSqlWriter writer = new ParamSqlWriter(dialect, types);
        sql.unparse(writer, 0, 0);
        return new Shape(writer.toString(), RelOptUtil.toString(secured), regional, national);
    }

    /** What a compiled plan depends on besides its values; {@code regions} is 0 for all regions. */
    private record Key(String digest, List<String> types, int regions) {}

    /**
     * A compiled plan: SQL with placeholders, the secured plan explained, whether it binds the
     * scope's regions and the national (empty) region.
     */
    private record Shape(String sql, String plan, boolean regional, boolean national) {}
}
