package io.movierecs.launcher;

import java.util.List;
import java.util.Map;

/**
 * One of the four services as the launcher starts it: its module (where its executable jar is built), HTTP port,
 * JVM options, environment and Spring arguments.
 *
 * @param name the module name, e.g. {@code index-service}
 * @param port its HTTP port (Actuator included)
 * @param jvmOptions e.g. heap size
 * @param environment added to the child's environment
 * @param arguments Spring Boot arguments ({@code --key=value})
 */
public record Service(String name, int port, List<String> jvmOptions, Map<String, String> environment,
        List<String> arguments) {

    public Service {
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
