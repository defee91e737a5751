package io.movierecs.index;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** index-service: movie-vectors in, similarity search out. Settings: {@link IndexProperties}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IndexServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IndexServiceApplication.class, args);
    }
}
