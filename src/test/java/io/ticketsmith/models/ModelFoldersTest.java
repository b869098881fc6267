package io.ticketsmith.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ticketsmith.support.InMemoryEngine;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in the model folders deploys into a real engine: a parse or validation error fails the build. */
class ModelFoldersTest {

    private static final List<Path> FOLDERS = List.of(Path.of("processes"), Path.of("dmn"), Path.of("forms"));

    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = InMemoryEngine.start("model-folders-test");
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    static Stream<Path> modelFiles() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (Path folder : FOLDERS) {
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(ModelDeployer::isModelFile).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0} deploys")
    @MethodSource("modelFiles")
    void everyModelFileDeploysWithoutParseOrValidationErrors(Path file) {
        assertThatCode(() -> InMemoryEngine.deploy(engine, file)).doesNotThrowAnyException();
    }

    @Test
    void everyModelFolderHoldsModelsAndNothingElse() throws IOException {
        for (Path folder : FOLDERS) {
            try (Stream<Path> list = Files.list(folder)) {
                List<Path> files = list.toList();
                assertThat(files).as("files in %s", folder).isNotEmpty().allMatch(ModelDeployer::isModelFile);
            }
        }
    }

    @Test
    void modelsExistOnlyInTheModelFolders() throws IOException {
        try (Stream<Path> resources = Files.walk(Path.of("src"))) {
            assertThat(resources.filter(Files::isRegularFile).filter(ModelDeployer::isModelFile).toList())
                    .as("model files under src/")
                    .isEmpty();
        }
    }
}
