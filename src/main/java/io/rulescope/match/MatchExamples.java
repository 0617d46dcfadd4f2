package io.rulescope.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;

/** The example events the match page offers (ours, in {@code content/events/examples/}), each one click away. */
public final class MatchExamples {

    /** @param name the file name without its extension, as links use it */
    public record Example(String name, String title, String expect, String text) {
    }

    private final List<Example> examples;

    private MatchExamples(List<Example> examples) {
        this.examples = List.copyOf(examples);
    }

    static MatchExamples load() {
        List<Example> out = new ArrayList<>();
        try (BufferedReader in = reader("content/events/examples/index.tsv")) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] row = line.split("\t");
                if (row.length == 3) {
                    String text;
                    try (InputStream file = new ClassPathResource("content/events/examples/" + row[0]).getInputStream()) {
                        text = new String(file.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    out.add(new Example(row[0].replaceFirst("\\.[a-z]+$", ""), row[1], row[2], text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("missing content/events/examples on the classpath", e);
        }
        return new MatchExamples(out);
    }

    private static BufferedReader reader(String path) throws IOException {
        return new BufferedReader(new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8));
    }

    public List<Example> all() {
        return examples;
    }

    public Optional<Example> named(String name) {
        return examples.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
