package io.ticketsmith.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * Deploys one model file (BPMN, DMN or Camunda Form) as its own deployment, named after the file.
 * One deployment per file means a broken model only blocks itself. A file whose content equals the
 * latest deployment of the same name is not deployed again, so restarts and rescans create no new
 * versions (the same duplicate filtering the engine applies, done here so the caller learns the outcome).
 */
public class ModelDeployer {

    /** Deployment source shown in Cockpit for everything that comes from the model folders. */
    public static final String DEPLOYMENT_SOURCE = "ticketsmith-model-folders";

    private static final List<String> MODEL_SUFFIXES = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");

    private final RepositoryService repositoryService;
    private final ObjectMapper objectMapper;

    public ModelDeployer(RepositoryService repositoryService, ObjectMapper objectMapper) {
        this.repositoryService = repositoryService;
        this.objectMapper = objectMapper;
    }

    public static boolean isModelFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && MODEL_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /**
     * Deploys the given content under the file's name, unless it equals the latest deployed version.
     *
     * @throws InvalidModelException when the engine (or, for forms, the JSON check) refuses the model
     */
    public DeploymentResult deploy(Path file, byte[] content) {
        String resourceName = file.getFileName().toString();
        if (resourceName.toLowerCase(Locale.ROOT).endsWith(".form")) {
            checkForm(file, content);
        }
        if (sameAsLatestDeployment(resourceName, content)) {
            return new DeploymentResult(resourceName, null, false);
        }
        try {
            Deployment deployment = repositoryService.createDeployment()
                    .name(resourceName)
                    .source(DEPLOYMENT_SOURCE)
                    .enableDuplicateFiltering(false)
                    .addInputStream(resourceName, new ByteArrayInputStream(content))
                    .deploy();
            return new DeploymentResult(resourceName, deployment.getId(), true);
        } catch (RuntimeException e) {
            throw new InvalidModelException(file, "was refused: " + rootMessage(e), e);
        }
    }

    public DeploymentResult deploy(Path file) {
        try {
            return deploy(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidModelException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private boolean sameAsLatestDeployment(String resourceName, byte[] content) {
        List<Deployment> latest = repositoryService.createDeploymentQuery()
                .deploymentName(resourceName)
                .orderByDeploymentTime().desc()
                .listPage(0, 1);
        if (latest.isEmpty()) {
            return false;
        }
        try (InputStream deployed = repositoryService.getResourceAsStream(latest.get(0).getId(), resourceName)) {
            return Arrays.equals(deployed.readAllBytes(), content);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void checkForm(Path file, byte[] content) {
        JsonNode form;
        try {
            form = objectMapper.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(file, "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidModelException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (form == null || !form.isObject()) {
            throw new InvalidModelException(file, "is not a Camunda Form: expected a JSON object", null);
        }
        if (!form.path("id").isTextual() || form.path("id").asText().isBlank()) {
            throw new InvalidModelException(file, "has no form \"id\", so no task can reference it", null);
        }
        if (!form.path("components").isArray()) {
            throw new InvalidModelException(file, "has no \"components\" array", null);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = e.getMessage();
        if (cause != e && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }

    /**
     * @param deployed false when the content equals the latest deployment of this file
     */
    public record DeploymentResult(String resourceName, String deploymentId, boolean deployed) {
    }
}
