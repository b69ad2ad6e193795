package dev.pulse.warehouse.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric catalogue ({@code metrics/catalogue.json}): labels of every metric and dimension and
 * which sources each metric reads; checked against the code's {@link Definitions} when loaded, so a
 * broken catalogue stops the application at startup with every problem listed.
 */
record Catalogue(
        Map<String, Label> dimensions,
        Map<String, Map<String, Label>> values,
        Map<Source, Set<String>> sources,
        Map<String, Metric> metrics) {

    static final String RESOURCE = "metrics/catalogue.json";

    /** A name in Chinese and English. */
    record Label(String zh, String en) {
        String in(Locale locale) {
            return "en".equals(locale.getLanguage()) ? en : zh;
        }
    }

    /** A metric as the catalogue declares it, bound to its definition in code. */
    record Metric(String name, Label label, String type, Set<Source> sources, Definitions.Definition definition) {}

    /** Loads and checks the catalogue on the class path. */
    static Catalogue load() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("metric catalogue " + RESOURCE + " is not on the class path");
            }
            return parse(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalogue document; throws IllegalStateException listing every problem found. */
    static Catalogue parse(JsonNode root) {
        List<String> problems = new ArrayList<>();
        Map<String, Label> dimensions = new LinkedHashMap<>();
        Map<String, Map<String, Label>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e :
                object(root, "dimensions", problems).properties()) {
            dimensions.put(e.getKey(), label("dimension " + e.getKey(), e.getValue(), problems));
            if (e.getValue().has("values")) {
                Map<String, Label> labels = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> v : e.getValue().path("values").properties()) {
                    labels.put(
                            v.getKey(),
                            label("value " + v.getKey() + " of dimension " + e.getKey(), v.getValue(), problems));
                }
                values.put(e.getKey(), java.util.Collections.unmodifiableMap(labels));
            }
            if (TimeGrain.of(e.getKey()).isEmpty() && !isKnownDimension(e.getKey())) {
                problems.add("dimension " + e.getKey() + " is not one any source can be sliced by");
            }
        }
        Map<Source, Set<String>> sources = new EnumMap<>(Source.class);
        for (Map.Entry<String, JsonNode> e : object(root, "sources", problems).properties()) {
            Source source = Source.byId(e.getKey()).orElse(null);
            if (source == null) {
                problems.add("source " + e.getKey() + " is unknown");
                continue;
            }
            Set<String> dims = new LinkedHashSet<>();
            for (JsonNode d : e.getValue()) {
                String dim = d.asString();
                if (!dimensions.containsKey(dim)) {
                    problems.add("source " + e.getKey() + " refers to unknown dimension " + dim);
                } else if (!source.supports(dim)) {
                    problems.add("source " + e.getKey() + " cannot be sliced by dimension " + dim);
                }
                dims.add(dim);
            }
            sources.put(source, Set.copyOf(dims));
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "metrics", problems).properties()) {
            String name = e.getKey();
            JsonNode node = e.getValue();
            Label label = label("metric " + name, node, problems);
            String type = node.path("type").asString("");
            if (!type.equals("integer") && !type.equals("decimal")) {
                problems.add("metric " + name + " has type '" + type + "', expected integer or decimal");
            }
            Set<Source> declared = EnumSet.noneOf(Source.class);
            for (JsonNode s : node.path("sources")) {
                Source source = Source.byId(s.asString()).orElse(null);
                if (source == null || !sources.containsKey(source)) {
                    problems.add("metric " + name + " refers to unknown source " + s.asString());
                } else {
                    declared.add(source);
                }
            }
            Definitions.Definition definition = Definitions.ALL.get(name);
            if (definition == null) {
                problems.add("metric " + name + " has no definition in code");
            } else if (!definition.sources().equals(declared)) {
                problems.add("metric " + name + " declares sources " + ids(declared) + " but its definition reads "
                        + ids(definition.sources()));
            }
            metrics.put(name, new Metric(name, label, type, Set.copyOf(declared), definition));
        }
        for (String defined : Definitions.ALL.keySet()) {
            if (!metrics.containsKey(defined)) {
                problems.add("metric " + defined + " is defined in code but missing from the catalogue");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The metric catalogue " + RESOURCE + " is invalid:\n  - " + String.join("\n  - ", problems));
        }
        return new Catalogue(Map.copyOf(dimensions), Map.copyOf(values), Map.copyOf(sources), Map.copyOf(metrics));
    }

    /** The labels of the values of {@code dimension} in {@code locale}, in catalogue order; empty when its values are shown as they are. */
    Map<String, String> valueLabels(String dimension, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        values.getOrDefault(dimension, Map.of()).forEach((value, label) -> out.put(value, label.in(locale)));
        return out;
    }

    /** Whether {@code metric} can be grouped or filtered by {@code dimension}: every source it reads can. */
    boolean sliceable(Metric metric, String dimension) {
        return metric.sources().stream().allMatch(s -> sources.get(s).contains(dimension));
    }

    private static boolean isKnownDimension(String dimension) {
        for (Source s : Source.values()) {
            if (s.supports(dimension)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode object(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.path(field);
        if (!node.isObject()) {
            problems.add("'" + field + "' is missing or not an object");
        }
        return node;
    }

    private static Label label(String what, JsonNode node, List<String> problems) {
        String zh = node.path("zh").asString("").strip();
        String en = node.path("en").asString("").strip();
        if (zh.isEmpty()) {
            problems.add(what + " has no Chinese label (zh)");
        }
        if (en.isEmpty()) {
            problems.add(what + " has no English label (en)");
        }
        return new Label(zh, en);
    }

    private static List<String> ids(Set<Source> sources) {
        return sources.stream().map(Source::id).sorted().toList();
    }
}
