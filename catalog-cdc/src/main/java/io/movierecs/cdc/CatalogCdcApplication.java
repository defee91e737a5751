package io.movierecs.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Streams catalog changes into Kafka. Configuration: {@link CdcProperties}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogCdcApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogCdcApplication.class, args);
    }
}
