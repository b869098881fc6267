package io.ticketsmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one of the browser tests in {@code src/test/e2e} (copied to {@code target/e2e} with its npm packages
 * before integration-test) with the system's Node: playwright-core driving Debian's headless Chromium.
 */
public final class BrowserTest {

    private static final Logger log = LoggerFactory.getLogger(BrowserTest.class);
    /** Where the browser tests keep their screenshots and downloads. */
    public static final Path OUTPUT = Path.of("target", "e2e-output");

    public record Run(int exitCode, String output) {
    }

    private BrowserTest() {
    }

    public static Run run(String script, Map<String, String> environment) throws IOException, InterruptedException {
        Path test = Path.of("target", "e2e", script);
        assertThat(test).as("the browser test is copied to target/e2e and its npm packages installed "
                + "before integration-test (mvn verify)").exists();
        Path outputFile = Files.createTempFile("browser-test", ".log");
        ProcessBuilder builder = new ProcessBuilder("node", test.toString())
                .redirectErrorStream(true).redirectOutput(outputFile.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("OUTPUT_DIR", OUTPUT.toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("The browser test " + script + " did not finish within 5 minutes");
        }
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        log.info("Browser test {} output:\n{}", script, output);
        return new Run(process.exitValue(), output);
    }
}
