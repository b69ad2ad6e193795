package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.Rejection;
import dev.pulse.warehouse.IngestionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing and validation of every stream: each bad record is rejected with its line and field, the rest kept. */
class BatchReaderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    static final Streams STREAMS = new Streams(List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北"), CLOCK);
    static final int MAX_LINE = 256 * 1024;

    static final String TX = """
            {"event_id":"e1","transaction_id":"t1","customer_id":"c1","ts":"2026-05-01T08:00:00+08:00","amount":12.5,"region":"华东"}""";
    static final String SURVEY = """
            {"event_id":"s1","survey_id":"q2","ts":"2026-05-01T08:00:00Z","region":"华北","nps_score":9}""";
    static final String FEEDBACK = """
            {"event_id":"f1","feedback_id":"fb1","ts":"2026-05-01T08:00:00Z","region":"西南","category":"complaint"}""";
    static final String CAMPAIGN = """
            {"campaign_id":"m1","name":"双十一","start_date":"2026-11-01","end_date":"2026-11-11","cost":50000}""";
    static final String CUSTOMER = """
            {"customer_id":"c1","updated_at":"2026-05-01T08:00:00Z","region":"华中","name":"张三"}""";

    static BatchReader.Batch read(String stream, byte[] body, BodyFormat format) {
        return new BatchReader(MAX_LINE, 2_000)
                .read(STREAMS.find(stream).orElseThrow(), new ByteArrayInputStream(body), format);
    }

    static BatchReader.Batch ndjson(String stream, String body) {
        return read(stream, body.getBytes(StandardCharsets.UTF_8), BodyFormat.NDJSON);
    }

    static List<Long> validLines(BatchReader.Batch batch) {
        return batch.valid().stream().map(Row::line).toList();
    }

    /** A valid first and third line around the bad one, as the same stream. */
    static String around(String stream, String bad) {
        String good = switch (stream) {
            case "transactions" -> TX;
            case "survey-responses" -> SURVEY;
            case "feedback" -> FEEDBACK;
            case "campaigns" -> CAMPAIGN;
            default -> CUSTOMER;
        };
        return good + "\n" + bad + "\n" + good.replace("1\"", "3\"") + "\n";
    }

    /** The valid transaction with {@code field} set to the raw JSON {@code json}. */
    static String tx(String field, String json) {
        String pair = "\"" + field + "\":" + json;
        java.util.regex.Matcher existing = java.util.regex.Pattern.compile("\"" + field + "\":(\"[^\"]*\"|[^,}]*)")
                .matcher(TX);
        return existing.find()
                ? existing.replaceFirst(java.util.regex.Matcher.quoteReplacement(pair))
                : TX.substring(0, TX.length() - 1) + "," + pair + "}";
    }

    static String survey(String field, String json) {
        return SURVEY.replace("}", ",\"" + field + "\":" + json + "}");
    }

    static Stream<Arguments> badRecords() {
        String future = "\"2036-11-23T00:00:00Z\"";
        return Stream.of(
                Arguments.of("survey-responses", survey("csat_score", "6"), "csat_score", "out of range"),
                Arguments.of("survey-responses", SURVEY.replace("9", "11"), "nps_score", "out of range 0 to 10"),
                Arguments.of("survey-responses", SURVEY.replace("9", "-1"), "nps_score", "out of range"),
                Arguments.of("survey-responses", SURVEY.replace("9", "7.5"), "nps_score", "must be an integer"),
                Arguments.of("survey-responses", SURVEY.replace("9", "NaN"), "nps_score", "invalid JSON"),
                Arguments.of("survey-responses", SURVEY.replace("9", "\"NaN\""), "nps_score", "must be a number"),
                Arguments.of("survey-responses", SURVEY.replace("9", "1e309"), "nps_score", "out of range"),
                Arguments.of("survey-responses", SURVEY.replace("9", "\"7\""), "nps_score", "must be a number"),
                Arguments.of("survey-responses", survey("ces_score", "8"), "ces_score", "out of range 1 to 7"),
                Arguments.of("survey-responses", SURVEY.replace(",\"nps_score\":9", ""), "nps_score", "at least one"),
                Arguments.of("survey-responses", SURVEY.replace("\"华北\"", "null"), "region", "required"),
                Arguments.of(
                        "survey-responses",
                        survey("comment", "\"" + "好".repeat(10_001) + "\""),
                        "comment",
                        "longer than 10000"),
                Arguments.of("survey-responses", survey("comment", "\"\\ud800\""), "comment", "lone surrogate"),
                Arguments.of("survey-responses", survey("answers", "[1]"), "answers", "must be an object"),
                Arguments.of(
                        "survey-responses", survey("answers", "{\"q1\":" + "[".repeat(100_000)), "answers", "depth"),
                Arguments.of("transactions", TX.replace("\"event_id\":\"e1\",", ""), "event_id", "required"),
                Arguments.of("transactions", tx("event_id", "\"\""), "event_id", "must not be empty"),
                Arguments.of(
                        "transactions",
                        tx("event_id", "\"" + "x".repeat(10_240) + "\""),
                        "event_id",
                        "longer than 200"),
                Arguments.of("transactions", tx("event_id", "\"a\\u0000b\""), "event_id", "control character"),
                Arguments.of("transactions", tx("event_id", "42"), "event_id", "must be a string"),
                Arguments.of("transactions", TX.replace("{", "{\"event_id\":\"a\","), "event_id", "Duplicate"),
                Arguments.of("transactions", tx("amount", "1" + "0".repeat(999)), "amount", "invalid JSON"),
                Arguments.of("transactions", tx("amount", "\"12.50\""), "amount", "must be a number"),
                Arguments.of("transactions", tx("amount", "1.234"), "amount", "more than two decimal places"),
                Arguments.of("transactions", tx("amount", "1e20"), "amount", "out of range"),
                Arguments.of("transactions", tx("ts", "\"2024-02-30T00:00:00Z\""), "ts", "not a valid ISO-8601"),
                Arguments.of("transactions", tx("ts", "\"0001-01-01T00:00:00Z\""), "ts", "before 2000-01-01"),
                Arguments.of("transactions", tx("ts", future), "ts", "future"),
                Arguments.of("transactions", tx("ts", "\"2026-05-01T08:00:00\""), "ts", "needs an offset or Z"),
                Arguments.of("transactions", tx("ts", "\"2026-05-01\""), "ts", "not a valid ISO-8601"),
                Arguments.of("transactions", tx("ts", "1714550400000"), "ts", "not epoch time"),
                Arguments.of("transactions", tx("ts", "\"1714550400000\""), "ts", "not epoch time"),
                Arguments.of("transactions", tx("region", "\"华东区\""), "region", "must be one of"),
                Arguments.of("transactions", tx("region", "\"east\""), "region", "must be one of"),
                Arguments.of("transactions", TX.replace("}", ",\"currency\":\"cny\"}"), "currency", "three-letter"),
                Arguments.of("transactions", TX.replace("\"amount\"", "\"amout\""), "amout", "unknown field"),
                Arguments.of("transactions", "[1,2]", "", "one JSON object"),
                Arguments.of("transactions", "[".repeat(100_000), "", "nesting depth"),
                Arguments.of("transactions", "{\"event_id\":", "event_id", "invalid JSON"),
                Arguments.of("transactions", TX + " {}", "", "invalid JSON"),
                Arguments.of("feedback", FEEDBACK.replace("complaint", "angry"), "category", "must be one of"),
                Arguments.of(
                        "feedback",
                        FEEDBACK.replace("}", ",\"resolved_at\":\"2026-04-30T08:00:00Z\"}"),
                        "resolved_at",
                        "before ts"),
                Arguments.of(
                        "feedback",
                        FEEDBACK.replace("}", ",\"first_response_at\":\"2026-04-30T08:00:00Z\"}"),
                        "first_response_at",
                        "before ts"),
                Arguments.of("feedback", FEEDBACK.replace("}", ",\"severity\":4}"), "severity", "out of range 1 to 3"),
                Arguments.of(
                        "campaigns", CAMPAIGN.replace("2026-11-11", "2026-10-01"), "end_date", "before start_date"),
                Arguments.of("campaigns", CAMPAIGN.replace("50000", "-1"), "cost", "must not be negative"),
                Arguments.of("campaigns", CAMPAIGN.replace("}", ",\"region\":\"全国\"}"), "region", "must be one of"),
                Arguments.of(
                        "customers",
                        CUSTOMER.replace(",\"updated_at\":\"2026-05-01T08:00:00Z\"", ""),
                        "updated_at",
                        "required"),
                Arguments.of(
                        "customers",
                        CUSTOMER.replace("}", ",\"signup_date\":\"2026-02-29\"}"),
                        "signup_date",
                        "not a valid date"));
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @MethodSource("badRecords")
    void rejectsABadRecordWithItsLineAndFieldAndKeepsTheOthers(String stream, String bad, String field, String error) {
        BatchReader.Batch batch = ndjson(stream, around(stream, bad));
        assertThat(batch.rejected()).hasSize(1);
        Rejection rejection = batch.rejected().getFirst();
        assertThat(rejection.line()).isEqualTo(2);
        assertThat(rejection.field()).isEqualTo(field);
        assertThat(rejection.error()).contains(error);
        assertThat(validLines(batch)).containsExactly(1L, 3L);
    }

    @Test
    void anEmptyRequiredNameIsStoredAsGiven() {
        // a name of "" is present, not absent: required means the field is there, its text may be empty
        BatchReader.Batch batch = ndjson("campaigns", CAMPAIGN.replace("\"双十一\"", "\"\""));
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.valid().getFirst().values().get("name")).isEqualTo("");
    }

    static Stream<Arguments> badBytes() {
        return Stream.of(
                Arguments.of("invalid byte pair C3 28", new byte[] {(byte) 0xC3, 0x28}, "invalid UTF-8 at byte"),
                Arguments.of("overlong slash C0 AF", new byte[] {(byte) 0xC0, (byte) 0xAF}, "invalid UTF-8"),
                Arguments.of(
                        "overlong three bytes E0 80 AF",
                        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                        "invalid UTF-8"),
                Arguments.of(
                        "encoded surrogate ED A0 80",
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        "invalid UTF-8"),
                Arguments.of("lone continuation 80", new byte[] {(byte) 0x80}, "invalid UTF-8"),
                Arguments.of("truncated sequence E4 B8", new byte[] {(byte) 0xE4, (byte) 0xB8}, "invalid UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBytes")
    void rejectsALineThatIsNotStrictUtf8(String name, byte[] bytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((TX + "\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(tx("channel", "\"app").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\"}".substring(0, 0) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TX.replace("e1", "e3").getBytes(StandardCharsets.UTF_8));
        BatchReader.Batch batch = read("transactions", body.toByteArray(), BodyFormat.NDJSON);
        assertThat(batch.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.field()).isEmpty();
            assertThat(r.error()).startsWith("invalid UTF-8 at byte");
        });
        assertThat(validLines(batch)).containsExactly(1L, 3L);
    }

    @Test
    void rejectsALineLongerThanTheLimitWithoutLosingItsNeighbours() {
        String huge = tx("channel", "\"" + "x".repeat(10 * 1024 * 1024) + "\"");
        BatchReader.Batch batch = ndjson("transactions", around("transactions", huge));
        assertThat(batch.rejected()).containsExactly(new Rejection(2, "", "line longer than " + MAX_LINE + " bytes"));
        assertThat(validLines(batch)).containsExactly(1L, 3L);
    }

    @Test
    void acceptsBomCrlfBlankLinesAndNoFinalNewline() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = TX + "\r\n\r\n   \n" + TX.replace("e1", "e2") + "\r\n" + TX.replace("e1", "e3");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bom);
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        BatchReader.Batch batch = read("transactions", body.toByteArray(), BodyFormat.NDJSON);
        assertThat(batch.rejected()).isEmpty();
        assertThat(validLines(batch)).containsExactly(1L, 4L, 5L);
        assertThat(batch.valid()).extracting(r -> r.key("event_id")).containsExactly("e1", "e2", "e3");
    }

    @Test
    void convertsValuesToWhatTheColumnsStore() {
        Row row = ndjson("transactions", TX).valid().getFirst();
        assertThat(row.values().get("ts")).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(row.values().get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(row.values().get("currency")).isEqualTo("CNY");
        assertThat(row.values().get("campaign_id")).isEqualTo("");
        assertThat(row.values().get("region")).isEqualTo("华东");
        Row campaign = ndjson("campaigns", CAMPAIGN).valid().getFirst();
        assertThat(campaign.values().get("start_date")).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(campaign.values().get("region")).isEqualTo("");
        Row national = ndjson("campaigns", CAMPAIGN.replace("}", ",\"region\":\"\"}"))
                .valid()
                .getFirst();
        assertThat(national.values().get("region"))
                .as("an empty region is a national campaign")
                .isEqualTo("");
        BatchReader.Batch regional = ndjson("transactions", tx("region", "\"\""));
        assertThat(regional.rejected()).extracting(Rejection::field).containsExactly("region");
    }

    @Test
    void acceptsTimestampsUpToADayAheadAndKeepsOffsetsExact() {
        BatchReader.Batch batch = ndjson(
                "transactions",
                tx("ts", "\"2026-11-24T11:59:59.999Z\"") + "\n"
                        + tx("ts", "\"2000-01-01T08:00:00+08:00\"").replace("e1", "e2"));
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.valid())
                .extracting(r -> r.values().get("ts"))
                .containsExactly(Instant.parse("2026-11-24T11:59:59.999Z"), Instant.parse("2000-01-01T00:00:00Z"));
    }

    @Test
    void storesTextThatLooksLikeAFormulaVerbatim() {
        String formula = "=HYPERLINK(\\\"http://evil\\\",\\\"点我\\\")";
        BatchReader.Batch batch = ndjson(
                "survey-responses",
                survey("comment", "\"" + formula + "\"") + "\n"
                        + survey("channel", "\"+cmd|' /C calc'!A0\"").replace("s1", "s2") + "\n"
                        + survey("language", "\"@SUM(1)\"").replace("s1", "s3"));
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.valid().get(0).values().get("comment")).isEqualTo("=HYPERLINK(\"http://evil\",\"点我\")");
        assertThat(batch.valid().get(1).values().get("channel")).isEqualTo("+cmd|' /C calc'!A0");
        assertThat(batch.valid().get(2).values().get("language")).isEqualTo("@SUM(1)");
    }

    @Test
    void storesAnswersAsCompactJson() {
        Row row = ndjson("survey-responses", survey("answers", "{\"q1\": \"很好\", \"q2\": [1, 2]}"))
                .valid()
                .getFirst();
        assertThat(row.values().get("answers")).isEqualTo("{\"q1\":\"很好\",\"q2\":[1,2]}");
    }

    @Test
    void line517Of1000IsTheOnlyRejection() {
        String body = IntStream.rangeClosed(1, 1000)
                .mapToObj(i -> i == 517 ? tx("amount", "\"oops\"") : TX.replace("e1", "e" + i))
                .collect(Collectors.joining("\n"));
        BatchReader.Batch batch = ndjson("transactions", body);
        assertThat(batch.rejected()).containsExactly(new Rejection(517, "amount", "must be a number, not a string"));
        assertThat(batch.valid()).hasSize(999);
        assertThat(validLines(batch)).doesNotContain(517L).contains(516L, 518L);
    }

    @Test
    void refusesMoreRowsThanTheLimit() {
        String body = IntStream.rangeClosed(1, 2_001)
                .mapToObj(i -> TX.replace("e1", "e" + i))
                .collect(Collectors.joining("\n"));
        assertThatThrownBy(() -> ndjson("transactions", body)).isInstanceOfSatisfying(IngestionException.class, e -> {
            assertThat(e.reason()).isEqualTo(IngestionException.Reason.TOO_MANY_ROWS);
            assertThat(e.line()).isEqualTo(2_001);
        });
    }

    // CSV

    static final String CSV_HEADER = "event_id,transaction_id,customer_id,ts,amount,region,channel";

    static BatchReader.Batch csv(String stream, String body) {
        return read(stream, body.getBytes(StandardCharsets.UTF_8), BodyFormat.CSV);
    }

    @Test
    void readsCsvWithQuotesAndTextNumbers() {
        String body = CSV_HEADER + "\r\n"
                + "e1,t1,c1,2026-05-01T08:00:00Z,12.50,华东,\"app, \"\"mini\"\"\"\r\n"
                + "e2,t2,c2,2026-05-01T08:00:00Z,-3,华南,\r\n";
        BatchReader.Batch batch = csv("transactions", body);
        assertThat(batch.rejected()).isEmpty();
        assertThat(validLines(batch)).containsExactly(2L, 3L);
        assertThat(batch.valid().get(0).values().get("channel")).isEqualTo("app, \"mini\"");
        assertThat(batch.valid().get(0).values().get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(batch.valid().get(1).values().get("channel")).isEqualTo("");
    }

    @Test
    void csvHeaderNamesMayBePaddedButCellsStayVerbatim() {
        BatchReader.Batch batch = csv(
                "transactions",
                "event_id, transaction_id ,customer_id,ts,amount,region,channel\n"
                        + "e1,t1,c1,2026-05-01T08:00:00Z,1,华东, app \n");
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.valid().getFirst().values().get("transaction_id")).isEqualTo("t1");
        assertThat(batch.valid().getFirst().values().get("channel")).isEqualTo(" app ");
    }

    @Test
    void aQuotedCsvCellMaySpanLinesAndLaterLinesKeepTheirNumbers() {
        String body = "event_id,survey_id,ts,region,nps_score,comment\n"
                + "s1,q,2026-05-01T08:00:00Z,华北,7,\"第一行\n第二行\"\n"
                + "s2,q,2026-05-01T08:00:00Z,华北,11,\n";
        BatchReader.Batch batch = csv("survey-responses", body);
        assertThat(batch.valid().getFirst().values().get("comment")).isEqualTo("第一行\n第二行");
        assertThat(batch.valid().getFirst().values().get("nps_score")).isEqualTo(7);
        assertThat(batch.rejected()).containsExactly(new Rejection(4, "nps_score", "out of range 0 to 10"));
    }

    static Stream<Arguments> badCsvRows() {
        return Stream.of(
                Arguments.of("e2,t2,c2,2026-05-01T08:00:00Z,1,华东", "channel", "missing column"),
                Arguments.of("e2,t2,c2,2026-05-01T08:00:00Z,1,华东,app,extra", "", "extra column"),
                Arguments.of("e2,t2,c2,2026-05-01T08:00:00Z,1,华东,ap\"p", "", "quote inside an unquoted cell"),
                Arguments.of("e2,t2,c2,2026-05-01T08:00:00Z,1,华东,\"app\"x", "", "after a closing quote"),
                Arguments.of("e2,t2,c2,2026-05-01T08:00:00Z,7.5.1,华东,app", "amount", "must be a number"),
                Arguments.of("e2,t2,c2,2026-05-01T08:00:00,1,华东,app", "ts", "needs an offset"),
                Arguments.of(",t2,c2,2026-05-01T08:00:00Z,1,华东,app", "event_id", "required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvRows")
    void rejectsABadCsvRowWithItsLine(String row, String field, String error) {
        String body = CSV_HEADER + "\n" + "e1,t1,c1,2026-05-01T08:00:00Z,1,华东,app\n" + row + "\n"
                + "e3,t3,c3,2026-05-01T08:00:00Z,1,华东,app\n";
        BatchReader.Batch batch = csv("transactions", body);
        assertThat(batch.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.field()).isEqualTo(field);
            assertThat(r.error()).contains(error);
        });
        assertThat(validLines(batch)).containsExactly(2L, 4L);
    }

    @Test
    void anUnbalancedQuoteRejectsItsRecordAtTheLineWhereItStarts() {
        String body = CSV_HEADER + "\n" + "e1,t1,c1,2026-05-01T08:00:00Z,1,华东,app\n"
                + "e2,t2,c2,2026-05-01T08:00:00Z,1,华东,\"app\n";
        BatchReader.Batch batch = csv("transactions", body);
        assertThat(batch.rejected())
                .containsExactly(new Rejection(3, "", "unbalanced quote: a quoted cell is not closed"));
        assertThat(validLines(batch)).containsExactly(2L);
    }

    static Stream<Arguments> badCsvHeaders() {
        return Stream.of(
                Arguments.of("event_id,transaction_id,event_id", "event_id", "column named twice"),
                Arguments.of(
                        "event_id;transaction_id;customer_id",
                        "event_id;transaction_id;customer_id",
                        "delimiter must be a comma"),
                Arguments.of("event_id,amout", "amout", "unknown column"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvHeaders")
    void refusesTheWholeBatchForABadHeader(String header, String field, String error) {
        assertThatThrownBy(() -> csv("transactions", header + "\ne1,t1,c1\n"))
                .isInstanceOfSatisfying(IngestionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(IngestionException.Reason.BAD_HEADER);
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(error);
                });
    }

    @Test
    void anEmptyBodyHasNoRecords() {
        assertThat(csv("transactions", "").valid()).isEmpty();
        assertThat(ndjson("transactions", "\n\n").valid()).isEmpty();
        assertThat(ndjson("transactions", "").rejected()).isEmpty();
    }
}
