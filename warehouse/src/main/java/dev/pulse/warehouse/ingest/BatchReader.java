package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.Rejection;
import dev.pulse.warehouse.IngestionException;
import dev.pulse.warehouse.IngestionException.Reason;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole body into valid rows and rejections, in line order; touches no engine. */
final class BatchReader {

    private final int maxLineBytes;
    private final int maxRows;

    BatchReader(int maxLineBytes, int maxRows) {
        this.maxLineBytes = maxLineBytes;
        this.maxRows = maxRows;
    }

    /** The valid rows and the rejected records of one body. */
    record Batch(List<Row> valid, List<Rejection> rejected) {}

    /**
     * @throws IngestionException for more than {@code maxRows} records or an unusable CSV header
     * @throws java.io.UncheckedIOException when the body cannot be read (or is over a size limit)
     */
    Batch read(StreamSpec spec, InputStream body, BodyFormat format) {
        LineReader lines = new LineReader(body, maxLineBytes, format == BodyFormat.NDJSON);
        RecordParser parser = switch (format) {
            case NDJSON -> new NdjsonParser(lines);
            case CSV -> new CsvParser(lines, spec.byName().keySet(), maxLineBytes);
        };
        RecordValidator validator = new RecordValidator(spec);
        List<Row> valid = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int records = 0;
        for (RawRecord.Parsed parsed = parser.next(); parsed != null; parsed = parser.next()) {
            if (parsed.rejection() != null) {
                count(++records, parsed.rejection().line());
                rejected.add(parsed.rejection());
                continue;
            }
            count(++records, parsed.record().line());
            RecordValidator.Outcome outcome = validator.validate(parsed.record());
            if (outcome.rejection() != null) {
                rejected.add(outcome.rejection());
            } else {
                valid.add(outcome.row());
            }
        }
        return new Batch(valid, rejected);
    }

    private void count(int records, long line) {
        if (records > maxRows) {
            throw new IngestionException(
                    Reason.TOO_MANY_ROWS,
                    line,
                    "",
                    "more than " + maxRows + " records in one request; send smaller batches");
        }
    }
}
