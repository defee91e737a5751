package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every value in values.yaml has its {@code ## @param} line and its place in values.schema.json, and no more. */
class HelmValuesDocTest {

    private static final Map<String, Object> VALUES = Yaml.read(RepoFiles.CHART.resolve("values.yaml"));
    private static final Map<String, Object> SCHEMA = Yaml.read(RepoFiles.CHART.resolve("values.schema.json"));

    @Test
    void everyValueHasItsParamLineAndEveryParamLineItsValue() throws IOException {
        Set<String> documented = Files.readAllLines(RepoFiles.CHART.resolve("values.yaml")).stream()
                .filter(line -> line.startsWith("## @param ")).map(line -> line.split("\\s+")[2])
                .collect(Collectors.toSet());
        List<String> leaves = leaves("", VALUES);

        assertThat(documented).containsExactlyInAnyOrderElementsOf(leaves);
    }

    @Test
    void everyValueIsInTheSchemaWhichRejectsOthers() {
        for (String leaf : leaves("", VALUES)) {
            Map<String, Object> node = SCHEMA;
            for (String step : leaf.split("\\.")) {
                assertThat(node.get("additionalProperties")).as("additionalProperties above " + leaf).isEqualTo(false);
                node = Yaml.map(Yaml.map(node.get("properties")).get(step));
                assertThat(node).as("schema of " + leaf).isNotEmpty();
            }
            assertThat(node.keySet()).as("schema of " + leaf).containsAnyOf("type", "oneOf");
        }
    }

    /** Dotted paths of the leaves: scalars, lists and the maps that are values themselves (empty or label maps). */
    private static List<String> leaves(String prefix, Map<String, Object> map) {
        List<String> result = new ArrayList<>();
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty() && !isFreeForm(path)) {
                result.addAll(leaves(path, Yaml.map(child)));
            } else {
                result.add(path);
            }
        });
        return result;
    }

    private static boolean isFreeForm(String path) {
        Map<String, Object> node = SCHEMA;
        for (String step : path.split("\\.")) {
            node = Yaml.map(Yaml.map(node.get("properties")).get(step));
        }
        return !node.containsKey("properties");
    }
}
