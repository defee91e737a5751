package io.movierecs.catalog.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one MovieLens CSV file row by row. Each line is parsed on its own, so a malformed row is reported with
 * its file and line number and the rest still load (MovieLens files have no multi-line fields).
 */
final class MovieLensReader {

    /** Handles one well-formed row; throws {@link IllegalArgumentException} to reject it as malformed. */
    @FunctionalInterface
    interface RowHandler {
        void accept(CSVRecord row);
    }

    private final Consumer<ImportProblem> problems;
    private final Progress progress;

    MovieLensReader(Consumer<ImportProblem> problems, Progress progress) {
        this.problems = problems;
        this.progress = progress;
    }

    /**
     * Reads {@code file}, checking its header, and hands every row with {@code columns} fields to the handler.
     *
     * @return the number of data rows read, malformed ones included
     */
    long read(Path file, List<String> columns, RowHandler handler) throws IOException {
        String name = file.getFileName().toString();
        long total = countLines(file) - 1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !parse(stripBom(header)).toList().equals(columns)) {
                throw new IOException(file + ": expected the header " + String.join(",", columns) + " but found "
                        + header);
            }
            long lineNumber = 1;
            long rows = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                rows++;
                handle(name, lineNumber, line, columns.size(), handler);
                if (rows % 5000 == 0) {
                    progress.update(name, rows, total);
                }
            }
            progress.update(name, rows, total);
            return rows;
        } catch (NoSuchFileException e) {
            throw new IOException("missing MovieLens file " + file, e);
        }
    }

    private void handle(String file, long lineNumber, String line, int columns, RowHandler handler) {
        try {
            CSVRecord row = parse(line);
            if (row.size() != columns) {
                throw new IllegalArgumentException("expected " + columns + " fields but found " + row.size());
            }
            handler.accept(row);
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            problems.accept(new ImportProblem(file, lineNumber, e.getMessage()));
        }
    }

    private static CSVRecord parse(String line) {
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(line))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IllegalArgumentException("not one CSV row");
            }
            return records.get(0);
        } catch (IOException e) {
            throw new IllegalArgumentException("unparseable CSV: " + e.getMessage(), e);
        }
    }

    private static String stripBom(String header) {
        return header.startsWith("\uFEFF") ? header.substring(1) : header;
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (NoSuchFileException e) {
            throw new IOException("missing MovieLens file " + file, e);
        }
    }

    static long parseId(String field, String what) {
        try {
            long id = Long.parseLong(field.strip());
            if (id <= 0) {
                throw new IllegalArgumentException(what + " must be positive but is " + field);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + field + "'");
        }
    }
}
