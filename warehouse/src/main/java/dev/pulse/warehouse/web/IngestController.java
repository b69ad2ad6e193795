package dev.pulse.warehouse.web;

import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion;
import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.IngestResult;
import dev.pulse.warehouse.Ingestion.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/ingest/{stream}}: NDJSON or CSV, optionally gzip, streamed through the
 * limits into {@link Ingestion}. Every refusal is a problem detail (see {@link IngestProblems}).
 */
@RestController
class IngestController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final Ingestion ingestion;
    private final IngestSettings settings;
    private final Semaphore permits;

    IngestController(Ingestion ingestion, IngestSettings settings) {
        this.ingestion = ingestion;
        this.settings = settings;
        this.permits = new Semaphore(Math.max(1, settings.maxConcurrentRequests()));
    }

    /** What a stored batch answers. */
    record IngestResponse(int accepted, int duplicates, List<Rejection> rejected) {}

    @PostMapping("/api/v1/ingest/{stream}")
    @PreAuthorize("hasAnyRole('INGEST', 'ADMIN')")
    IngestResponse ingest(
            @PathVariable String stream,
            @RequestParam(defaultValue = "false") boolean atomic,
            HttpServletRequest request)
            throws IOException {
        BodyFormat format = format(request.getContentType());
        boolean gzip = gzip(request.getHeader(HttpHeaders.CONTENT_ENCODING));
        long maxBody = settings.maxBodyBytes().toBytes();
        if (request.getContentLengthLong() > maxBody) {
            throw new RequestRefusedException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the body is larger than " + maxBody + " bytes; send smaller batches");
        }
        if (!permits.tryAcquire()) {
            throw new RequestRefusedException(
                    HttpStatus.TOO_MANY_REQUESTS, "too many ingestion requests at once; retry shortly");
        }
        try (InputStream body = body(request, gzip)) {
            IngestResult result = ingestion.ingest(stream, body, format, atomic);
            if (!result.stored()) {
                throw new AtomicBatchRejectedException(result.rejected());
            }
            return new IngestResponse(result.accepted(), result.duplicates(), result.rejected());
        } finally {
            permits.release();
        }
    }

    private InputStream body(HttpServletRequest request, boolean gzip) throws IOException {
        InputStream raw = new LimitedInputStream(
                request.getInputStream(), settings.maxBodyBytes().toBytes(), "the body");
        if (!gzip) {
            return raw;
        }
        return new LimitedInputStream(
                new GZIPInputStream(raw, 64 * 1024),
                settings.maxDecompressedBytes().toBytes(),
                "the decompressed body");
    }

    private static BodyFormat format(String contentType) {
        if (contentType == null) {
            throw new RequestRefusedException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/x-ndjson or text/csv");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new RequestRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type is not a media type");
        }
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw new RequestRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the charset must be UTF-8");
        }
        if (NDJSON.equalsTypeAndSubtype(type)) {
            return BodyFormat.NDJSON;
        }
        if (CSV.equalsTypeAndSubtype(type)) {
            return BodyFormat.CSV;
        }
        throw new RequestRefusedException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/x-ndjson or text/csv");
    }

    private static boolean gzip(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (contentEncoding.strip().equalsIgnoreCase("gzip")
                || contentEncoding.strip().equalsIgnoreCase("x-gzip")) {
            return true;
        }
        throw new RequestRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding must be gzip or absent");
    }
}
