package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.query.CompiledQuery;
import dev.pulse.warehouse.query.SqlCompiler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.TimestampString;

/** Builds the plan of {@link TriggerEvents}: the fact view left-joined to customers for the address, under every region. */
final class TriggerEventService implements TriggerEvents {

    private final SqlCompiler compiler;
    private final ClickHouseEngine engine;

    TriggerEventService(SqlCompiler compiler, ClickHouseEngine engine) {
        this.compiler = compiler;
        this.engine = engine;
    }

    @Override
    public List<Event> between(Kind kind, String channel, Instant from, Instant to, int limit) {
        CompiledQuery compiled = compiler.compile(plan(kind, channel, from, to, limit), Scope.ALL);
        QueryResult result = engine.query(compiled.sql(), compiled.params());
        List<Event> events = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            Object tx = kind == Kind.TRANSACTION ? row.get(result.indexOf("transaction_id")) : null;
            Object email = row.get(result.indexOf("email"));
            events.add(new Event(
                    (String) row.get(result.indexOf("id")),
                    (String) row.get(result.indexOf("customer_id")),
                    (String) row.get(result.indexOf("region")),
                    (String) row.get(result.indexOf("channel")),
                    tx == null || tx.toString().isEmpty() ? null : tx.toString(),
                    (Instant) row.get(result.indexOf("at")),
                    email == null ? "" : email.toString()));
        }
        return events;
    }

    RelNode plan(Kind kind, String channel, Instant from, Instant to, int limit) {
        RelBuilder b = compiler.builder().transform(c -> c.withSimplify(false));
        b.scan(kind == Kind.TRANSACTION ? "transactions" : "feedback").as("f");
        b.scan("customers").as("c");
        b.join(JoinRelType.LEFT, b.equals(b.field(2, "f", "customer_id"), b.field(2, "c", "customer_id")));
        String time = kind == Kind.TRANSACTION ? "ts" : "resolved_at";
        List<RexNode> conditions = new ArrayList<>();
        if (kind == Kind.TRANSACTION) {
            conditions.add(b.equals(b.field("f", "channel"), b.literal(channel == null ? "" : channel)));
        } else {
            conditions.add(b.isNotNull(b.field("f", time)));
            conditions.add(b.notEquals(b.field("f", "customer_id"), b.literal("")));
        }
        conditions.add(b.greaterThanOrEqual(b.field("f", time), timestamp(b, from)));
        conditions.add(b.lessThanOrEqual(b.field("f", time), timestamp(b, to)));
        b.filter(conditions);
        List<RexNode> fields = new ArrayList<>(List.of(
                b.alias(b.field("f", "event_id"), "id"),
                b.field("f", "customer_id"),
                b.field("f", "region"),
                b.field("f", "channel"),
                b.alias(b.field("f", time), "at"),
                b.field("c", "email")));
        if (kind == Kind.TRANSACTION) {
            fields.add(b.field("f", "transaction_id"));
        }
        b.project(fields);
        return b.sortLimit(0, limit, b.field("at"), b.field("id")).build();
    }

    private static RexNode timestamp(RelBuilder b, Instant at) {
        return b.getRexBuilder().makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(at.toEpochMilli()), 3);
    }
}
