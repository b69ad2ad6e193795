package dev.pulse.warehouse.query;

import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The deduplicated warehouse views as a Calcite catalogue, mirroring {@code V001__events.sql} and later migrations
 * (e.g. {@code follow_up_cases} of {@code V002__case_events.sql}, {@code themes} of {@code V003__themes.sql});
 * a catalogue only, Calcite never reads a row.
 */
final class WarehouseCatalog {

    /** Every view carries this column; it is what row-level security filters on. */
    static final String REGION = "region";

    /** The view whose empty region means "national"; see {@link RegionSecurity}. */
    static final String CAMPAIGNS = "campaigns";

    private static final Map<String, List<Column>> VIEWS = Map.of(
            "customers",
            List.of(
                    col("customer_id", SqlTypeName.VARCHAR), col("updated_at", SqlTypeName.TIMESTAMP),
                    col("name", SqlTypeName.VARCHAR), col("region", SqlTypeName.VARCHAR),
                    col("province", SqlTypeName.VARCHAR), col("city", SqlTypeName.VARCHAR),
                    col("segment", SqlTypeName.VARCHAR), col("email", SqlTypeName.VARCHAR),
                    col("phone", SqlTypeName.VARCHAR), nullable("signup_date", SqlTypeName.DATE)),
            "transactions",
            List.of(
                    col("event_id", SqlTypeName.VARCHAR), col("transaction_id", SqlTypeName.VARCHAR),
                    col("customer_id", SqlTypeName.VARCHAR), col("ts", SqlTypeName.TIMESTAMP),
                    col("amount", SqlTypeName.DECIMAL), col("currency", SqlTypeName.VARCHAR),
                    col("channel", SqlTypeName.VARCHAR), col("product_category", SqlTypeName.VARCHAR),
                    col("campaign_id", SqlTypeName.VARCHAR), col("region", SqlTypeName.VARCHAR)),
            "survey_responses",
            List.of(
                    col("event_id", SqlTypeName.VARCHAR), col("survey_id", SqlTypeName.VARCHAR),
                    col("customer_id", SqlTypeName.VARCHAR), col("transaction_id", SqlTypeName.VARCHAR),
                    col("ts", SqlTypeName.TIMESTAMP), col("region", SqlTypeName.VARCHAR),
                    col("channel", SqlTypeName.VARCHAR), col("language", SqlTypeName.VARCHAR),
                    nullable("nps_score", SqlTypeName.SMALLINT), nullable("csat_score", SqlTypeName.SMALLINT),
                    nullable("ces_score", SqlTypeName.SMALLINT), col("comment", SqlTypeName.VARCHAR),
                    col("answers", SqlTypeName.VARCHAR), col("themes", SqlTypeName.ARRAY)),
            "feedback",
            List.of(
                    col("event_id", SqlTypeName.VARCHAR),
                    col("feedback_id", SqlTypeName.VARCHAR),
                    col("customer_id", SqlTypeName.VARCHAR),
                    col("ts", SqlTypeName.TIMESTAMP),
                    col("region", SqlTypeName.VARCHAR),
                    col("channel", SqlTypeName.VARCHAR),
                    col("category", SqlTypeName.VARCHAR),
                    nullable("severity", SqlTypeName.SMALLINT),
                    nullable("first_response_at", SqlTypeName.TIMESTAMP),
                    nullable("resolved_at", SqlTypeName.TIMESTAMP),
                    col("text", SqlTypeName.VARCHAR),
                    col("themes", SqlTypeName.ARRAY)),
            "follow_up_cases",
            List.of(
                    col("case_id", SqlTypeName.VARCHAR), col("ts", SqlTypeName.TIMESTAMP),
                    col("region", SqlTypeName.VARCHAR), col("customer_id", SqlTypeName.VARCHAR),
                    col("survey_id", SqlTypeName.VARCHAR), nullable("nps_score", SqlTypeName.SMALLINT),
                    nullable("csat_score", SqlTypeName.SMALLINT), nullable("due_at", SqlTypeName.TIMESTAMP),
                    nullable("contacted_at", SqlTypeName.TIMESTAMP), nullable("resolved_at", SqlTypeName.TIMESTAMP),
                    nullable("escalated_at", SqlTypeName.TIMESTAMP), col("recovered", SqlTypeName.SMALLINT)),
            CAMPAIGNS,
            List.of(
                    col("campaign_id", SqlTypeName.VARCHAR),
                    col("name", SqlTypeName.VARCHAR),
                    col("channel", SqlTypeName.VARCHAR),
                    col("start_date", SqlTypeName.DATE),
                    col("end_date", SqlTypeName.DATE),
                    col("cost", SqlTypeName.DECIMAL),
                    col("region", SqlTypeName.VARCHAR)),
            "survey_invitations",
            List.of(
                    col("event_id", SqlTypeName.VARCHAR),
                    col("invitation_id", SqlTypeName.VARCHAR),
                    col("survey_id", SqlTypeName.VARCHAR),
                    col("customer_id", SqlTypeName.VARCHAR),
                    col("ts", SqlTypeName.TIMESTAMP),
                    col("region", SqlTypeName.VARCHAR),
                    col("channel", SqlTypeName.VARCHAR),
                    col("status", SqlTypeName.VARCHAR),
                    col("reason", SqlTypeName.VARCHAR)));

    private WarehouseCatalog() {}

    /** The view names, lower case as in ClickHouse. */
    static java.util.Set<String> views() {
        return VIEWS.keySet();
    }

    /**
     * A root schema holding one sub-schema named after the ClickHouse database, so that unparsed
     * table names come out qualified ({@code `pulse`.`transactions`}) whatever database a
     * connection happens to {@code USE}.
     */
    static CalciteSchema root(String database) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        root.add(database, new AbstractSchema() {
            @Override
            protected Map<String, Table> getTableMap() {
                Map<String, Table> tables = new java.util.HashMap<>();
                VIEWS.forEach((name, columns) -> tables.put(name, new View(columns)));
                return tables;
            }
        });
        return root;
    }

    /** The database sub-schema of {@code root}. */
    static SchemaPlus database(CalciteSchema root, String database) {
        return root.plus().getSubSchema(database);
    }

    private static Column col(String name, SqlTypeName type) {
        return new Column(name, type, false);
    }

    private static Column nullable(String name, SqlTypeName type) {
        return new Column(name, type, true);
    }

    /** A column and how ClickHouse stores it, in SQL terms. */
    private record Column(String name, SqlTypeName type, boolean nullable) {

        RelDataType toType(RelDataTypeFactory factory) {
            RelDataType type = switch (this.type) {
                case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, 18, 2);
                case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 3);
                // the only arrays are the verbatim themes, Array(String)
                case ARRAY -> factory.createArrayType(factory.createSqlType(SqlTypeName.VARCHAR), -1);
                default -> factory.createSqlType(this.type);
            };
            return factory.createTypeWithNullability(type, nullable);
        }
    }

    /** A view's row type; scanning it means reading the ClickHouse view of the same name. */
    private static final class View extends AbstractTable {

        private final List<Column> columns;

        View(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            RelDataTypeFactory.Builder builder = factory.builder();
            columns.forEach(c -> builder.add(c.name(), c.toType(factory)));
            return builder.build();
        }
    }
}
