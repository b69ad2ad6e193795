package dev.pulse.warehouse.ingest;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion;
import dev.pulse.warehouse.IngestionException;
import dev.pulse.warehouse.IngestionException.Reason;
import dev.pulse.warehouse.PartFsync;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.themes.ThemeAnalyzer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Ingestion as the issue describes it: parse, validate, drop what is already stored, insert the
 * rest in one statement, advance the write watermark.
 *
 * <p>Parsing and validation run concurrently, outside any lock; the duplicate lookup and the insert
 * of one stream run one commit at a time, and a commit takes every request of the stream that
 * waited for the previous one (see {@link GroupCommit}), so the counts a client gets are exact
 * within this process.
 */
@Service
class IngestService implements Ingestion {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final Streams streams;
    private final BatchReader reader;
    private final ThemeAnalyzer themes = new ThemeAnalyzer();
    private final GroupCommit commits;

    @Autowired
    IngestService(ClickHouseEngine engine, PulseSettings pulse, IngestSettings settings, WriteWatermark watermark) {
        this(engine, pulse, settings, watermark, Clock.systemUTC(), GroupCommit.LINGER);
    }

    /** @param linger how long a small group waits for requests being read (see {@link GroupCommit}) */
    IngestService(
            ClickHouseEngine engine,
            PulseSettings pulse,
            IngestSettings settings,
            WriteWatermark watermark,
            Clock clock,
            Duration linger) {
        this.streams = new Streams(pulse.regions(), clock);
        this.reader = new BatchReader(
                (int) Math.min(Integer.MAX_VALUE - 16, settings.maxLineBytes().toBytes()), settings.maxRows());
        this.commits = new GroupCommit(engine, watermark, linger);
        // before the first insert, so that no batch is acknowledged under another durability than the property says
        List<String> tables = PartFsync.apply(engine, settings.fsync());
        log.info(
                "Warehouse parts are {}synced to disk before an insert returns (pulse.ingest.fsync={}) in {}",
                settings.fsync() ? "" : "NOT ",
                settings.fsync(),
                tables);
    }

    /** The group commit of every stream, whose permits and queues tests look at. */
    GroupCommit commits() {
        return commits;
    }

    @Override
    public IngestResult ingest(String stream, InputStream body, BodyFormat format, boolean atomic) {
        StreamSpec spec = streams.find(stream)
                .orElseThrow(() -> new IngestionException(
                        Reason.UNKNOWN_STREAM,
                        0,
                        "",
                        "unknown stream; the streams are " + String.join(", ", streams.names())));
        try (GroupCommit.Arrival arrival = commits.arriving(spec)) {
            BatchReader.Batch batch = reader.read(spec, body, format);
            List<Rejection> rejected = batch.rejected();
            if (atomic && !rejected.isEmpty()) {
                return new IngestResult(0, 0, List.copyOf(rejected), false);
            }
            return store(spec, batch.valid(), rejected, arrival);
        }
    }

    /** Survey comments and feedback text get their themes column, computed here so that every path stores them. */
    private List<Row> withThemes(StreamSpec spec, List<Row> rows) {
        String textField = switch (spec.path()) {
            case "survey-responses" -> "comment";
            case "feedback" -> "text";
            default -> null;
        };
        if (textField == null) {
            return rows;
        }
        List<Row> out = new java.util.ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, Object> values = new java.util.LinkedHashMap<>(row.values());
            values.put("themes", themes.themesOf((String) values.get(textField)));
            out.add(new Row(row.line(), values));
        }
        return out;
    }

    private IngestResult store(
            StreamSpec spec, List<Row> valid, List<Rejection> rejected, GroupCommit.Arrival arrival) {
        // in parallel across requests, before the stream's commit lock
        List<Row> rows = withThemes(spec, valid);
        Deduplicator.prepare(spec, rows);
        RowWriter.Encoded encoded = RowWriter.encode(rows);
        GroupCommit.Counts counts = commits.commit(spec, Deduplicator.keysOf(spec, rows), encoded, arrival);
        return new IngestResult(counts.accepted(), counts.duplicates(), List.copyOf(rejected), true);
    }
}
