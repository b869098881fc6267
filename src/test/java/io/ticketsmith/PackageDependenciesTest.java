package io.ticketsmith;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The feature packages depend on each other in one direction only: no package cycle, read from the sources. */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "ticketsmith");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.ticketsmith\\.([a-z]+)\\.");

    @Test
    void featurePackagesHaveNoCycles() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).containsKeys("request", "review", "audit", "engine", "security", "intake");

        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    /** Each top-level package (its sub-packages included) and the other top-level packages it names. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    return;
                }
                String owner = relative.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(owner, key -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(read(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(owner)) {
                        used.add(matcher.group(1));
                    }
                }
            });
        }
        return uses;
    }

    private static List<String> cycleFrom(String start, String current, Map<String, Set<String>> uses,
            List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(current, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, uses, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
