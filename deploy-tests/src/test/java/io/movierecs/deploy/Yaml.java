package io.movierecs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/** YAML reading and dotted-path access for the tests (SnakeYAML, safe constructor). */
final class Yaml {

    private Yaml() {
    }

    static Map<String, Object> read(Path file) {
        try {
            return map(parser().load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a multi-document stream (helm template output). */
    static List<Map<String, Object>> readAll(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : parser().loadAll(yaml)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    static String dump(Object value) {
        return new org.yaml.snakeyaml.Yaml().dump(value);
    }

    /** The value at a dotted path ({@code spec.template.spec}), or null when any step is missing. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return (T) current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node) {
        return node == null ? List.of() : (List<Map<String, Object>>) node;
    }

    /** {@code overrides} merged into {@code base}, maps deeply, everything else replaced (Helm's rule for -f). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            Object old = merged.get(key);
            merged.put(key, old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap
                    ? merge((Map<String, Object>) oldMap, (Map<String, Object>) newMap) : value);
        });
        return merged;
    }

    private static org.yaml.snakeyaml.Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(options);
    }
}
