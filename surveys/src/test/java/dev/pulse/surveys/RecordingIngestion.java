package dev.pulse.surveys;

import dev.pulse.warehouse.Ingestion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warehouse boundary seen from the surveys module's own tests, which run without an engine: keeps
 * every line sent per stream. The real path is covered end to end in {@code dashboards}.
 */
public final class RecordingIngestion implements Ingestion {

    /** One line sent to a stream. */
    public record Sent(String stream, JsonNode event) {}

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public IngestResult ingest(String stream, InputStream body, BodyFormat format, boolean atomic) {
        try {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            int n = 0;
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    sent.add(new Sent(stream, json.readTree(line)));
                    n++;
                }
            }
            return new IngestResult(n, 0, List.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events sent to {@code stream}, in order. */
    public List<JsonNode> events(String stream) {
        return sent.stream()
                .filter(s -> s.stream().equals(stream))
                .map(Sent::event)
                .toList();
    }
}
