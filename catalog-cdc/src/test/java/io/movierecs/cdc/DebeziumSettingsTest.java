package io.movierecs.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Golden files: application properties in ({@code golden/<name>.in.properties}), Debezium connector properties
 * out ({@code golden/<name>.out.properties}). SQL Server cannot run here, so its configuration is checked here.
 */
class DebeziumSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres-defaults", "sqlserver", "postgres-file-offsets-passthrough"})
    void connectorPropertiesMatchTheGoldenFile(String name) throws IOException {
        CdcProperties cdc = bind(load("golden/" + name + ".in.properties"));

        Properties actual = DebeziumSettings.of(cdc);

        assertThat(new TreeMap<>(actual)).isEqualTo(new TreeMap<>(load("golden/" + name + ".out.properties")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlserver"})
    void sqlServerTopicsAreRoutedToTheSameNamesAsPostgres(String name) throws IOException {
        CdcProperties cdc = bind(load("golden/" + name + ".in.properties"));
        TopicRouter router = new TopicRouter(cdc.topics().prefix(), cdc.schema());

        assertThat(router.topicFor("catalog.catalog.dbo.movies")).isEqualTo("catalog.dbo.movies");
        assertThat(router.topicFor("catalog.catalog.dbo.movie_people")).isEqualTo("catalog.dbo.movie_people");
        assertThat(router.topicFor("catalog.heartbeat")).isEqualTo("catalog.heartbeat");
        assertThat(new TopicCreator(cdc).topicNames())
                .containsExactly("catalog.dbo.movies", "catalog.dbo.people", "catalog.dbo.movie_people");
    }

    static CdcProperties bind(Properties properties) {
        Map<Object, Object> map = new TreeMap<>(properties);
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("catalog-cdc", CdcProperties.class);
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DebeziumSettingsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
