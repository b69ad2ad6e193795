package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import dev.pulse.warehouse.query.CompiledQuery;
import dev.pulse.warehouse.query.SqlCompiler;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs metric requests: validates them against the catalogue, builds one plan per source and
 * period, compiles each under the caller's scope, runs them (through the result cache) and computes
 * the metrics, comparisons and flags from the components.
 */
final class MetricService implements Metrics {

    private final Catalogue catalogue;
    private final SqlCompiler compiler;
    private final ClickHouseEngine engine;
    private final WriteWatermark watermark;
    private final MetricsSettings settings;
    private final Plans plans;
    private final ResultCache cache;

    MetricService(
            Catalogue catalogue,
            SqlCompiler compiler,
            ClickHouseEngine engine,
            WriteWatermark watermark,
            MetricsSettings settings,
            Plans plans) {
        this.catalogue = catalogue;
        this.compiler = compiler;
        this.engine = engine;
        this.watermark = watermark;
        this.settings = settings;
        this.plans = plans;
        this.cache =
                new ResultCache(settings.cacheSize(), settings.cacheMaxBytes().toBytes());
    }

    /** A compiled statement of one source. */
    private record Statement(Source source, CompiledQuery query) {}

    @Override
    public MetricResult run(MetricQuery query, Caller caller, Locale locale) {
        Objects.requireNonNull(caller, "caller");
        long started = System.nanoTime();
        Request request = Request.validate(query, catalogue, settings.bounds());
        Scope scope = caller.scope();
        List<Statement> main = compile(request, request.from(), request.to(), scope);
        List<Statement> comparison = List.of();
        if (request.compareTo() != null) {
            LocalDate[] range = request.comparisonRange();
            comparison = compile(request, range[0], range[1], scope);
        }
        long rowsRead = 0;
        boolean cached = true;
        List<Map<List<Object>, Cells.Cell>> periods = new ArrayList<>();
        for (List<Statement> statements : List.of(main, comparison)) {
            Cells cells = new Cells(request);
            for (Statement s : statements) {
                ResultCache.Key key =
                        new ResultCache.Key(s.query().sql(), s.query().params(), scope, watermark.current());
                QueryResult result = cache.get(key);
                if (result == null) {
                    cached = false;
                    result = engine.query(s.query().sql(), s.query().params());
                    cache.put(key, result);
                    rowsRead += result.stats().rowsRead();
                }
                cells.add(s.source(), result);
            }
            periods.add(cells.byKey());
        }
        Map<List<Object>, Cells.Cell> previous =
                request.compareTo() == null ? Map.of() : shifted(periods.get(1), request);
        List<List<Object>> rows = Rows.build(request, periods.get(0), previous, settings.minSample());
        String sql = java.util.stream.Stream.concat(main.stream(), comparison.stream())
                .map(s -> s.query().sql())
                .collect(Collectors.joining(";\n"));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        return new MetricResult(
                Rows.columns(request, catalogue, locale),
                rows,
                new MetricResult.Meta(sql, elapsedMs, rowsRead, cached));
    }

    @Override
    public MetricExplanation explain(MetricQuery query, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        Request request = Request.validate(query, catalogue, settings.bounds());
        List<Statement> statements = new ArrayList<>(compile(request, request.from(), request.to(), caller.scope()));
        if (request.compareTo() != null) {
            LocalDate[] range = request.comparisonRange();
            statements.addAll(compile(request, range[0], range[1], caller.scope()));
        }
        return new MetricExplanation(statements.stream()
                .map(s -> new MetricExplanation.Statement(
                        s.source().id(),
                        s.query().sql(),
                        s.query().params(),
                        s.query().plan()))
                .toList());
    }

    private List<Statement> compile(Request request, LocalDate from, LocalDate to, Scope scope) {
        Set<Component> components = request.components();
        Set<Source> sources = EnumSet.noneOf(Source.class);
        components.forEach(c -> sources.add(c.source()));
        // RFM filters are applied after scoring, so that a filter never changes anyone's quintile
        Plans.Slice slice = new Plans.Slice(request.dimensions(), request.filters(), from, to);
        List<Statement> statements = new ArrayList<>();
        for (Source source : sources) {
            statements.add(new Statement(source, compiler.compile(plans.plan(source, slice, components), scope)));
        }
        return statements;
    }

    /** The comparison cells keyed as the main period's: a previous year's month is matched with this year's. */
    private static Map<List<Object>, Cells.Cell> shifted(Map<List<Object>, Cells.Cell> previous, Request request) {
        TimeGrain grain = request.grain();
        if (grain == null) {
            return previous;
        }
        int at = request.dimensions().indexOf(grain.id());
        Map<List<Object>, Cells.Cell> out = new LinkedHashMap<>();
        previous.forEach((key, cell) -> {
            List<Object> moved = new ArrayList<>(key);
            if (moved.get(at) instanceof LocalDate d && request.compareTo() == Comparison.PREVIOUS_YEAR) {
                moved.set(at, grain.start(d.plusYears(1)));
            }
            out.put(moved, cell);
        });
        return out;
    }
}
