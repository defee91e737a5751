package io.movierecs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as instructions (continuation lines joined, comments dropped), grouped into stages.
 * hadolint is not available here; this covers what the tests need.
 *
 * @param path the file
 * @param stages its stages in order, each starting with its FROM
 */
record Dockerfile(Path path, List<Stage> stages) {

    /** One instruction: keyword in upper case and its arguments. */
    record Instruction(String keyword, String arguments) {
    }

    /**
     * One build stage.
     *
     * @param image the FROM image reference
     * @param name the stage name (AS ...), or null
     * @param instructions the stage's instructions after FROM
     */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }
    }

    static Dockerfile read(Path path) {
        List<Stage> stages = new ArrayList<>();
        for (Instruction instruction : instructions(path)) {
            if (instruction.keyword().equals("FROM")) {
                String[] words = instruction.arguments().split("\\s+");
                String name = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
                stages.add(new Stage(words[0], name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                if (!instruction.keyword().equals("ARG")) {
                    throw new IllegalStateException(path + ": " + instruction.keyword() + " before the first FROM");
                }
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new Dockerfile(path, stages);
    }

    Stage runtime() {
        return stages.get(stages.size() - 1);
    }

    private static List<Instruction> instructions(Path path) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines(path)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                result.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
                current.setLength(0);
            }
        }
        return result;
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
