package io.movierecs.index.support;

import io.movierecs.index.IndexProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link IndexProperties} bound the way Spring binds them, defaults included, with overrides. */
public final class TestProperties {

    private TestProperties() {
    }

    /** @param overrides keys below {@code index-service.}, e.g. {@code "dimension", "16"} */
    public static IndexProperties of(String... overrides) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            map.put("index-service." + overrides[i], overrides[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("index-service",
                IndexProperties.class);
    }
}
