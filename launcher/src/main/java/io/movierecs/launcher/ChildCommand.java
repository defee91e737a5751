package io.movierecs.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one child process: its command line, extra environment, and the log file its output is appended
 * to.
 *
 * @param name what the launcher calls it (a service name, or {@code kafka})
 * @param command the command line
 * @param environment variables added to the launcher's environment
 * @param logFile stdout and stderr are appended here
 */
public record ChildCommand(String name, List<String> command, Map<String, String> environment, Path logFile) {

    public ChildCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** The {@code java} of the JVM running the launcher. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Process start() throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
