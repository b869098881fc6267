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

import javax.sql.DataSource;

import io.ticketsmith.engine.ClusterLock;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * Deploys one model file (BPMN, DMN or Camunda Form) as its own deployment, named after the file.
 * One deployment per file means a broken model only blocks itself. A file whose content equals the
 * latest deployment of the same name is not deployed again, so restarts and rescans create no new
 * versions (the same duplicate filtering the engine applies, done here so the caller learns the outcome).
 *
 * <p>Several nodes watch their own copies of the folders. One node at a time checks and deploys (a cluster lock),
 * and a file equal to an <em>older</em> version than the latest is refused: a node restarting with a stale copy
 * (a rolling upgrade, an old mount) would otherwise deploy it as the newest version and roll the guardrails back for
 * every node. A process owner who means to go back deploys the old model from Modeler, or changes the file.
 */
public class ModelDeployer {

    /** Deployment source shown in Cockpit for everything that comes from the model folders. */
    public static final String DEPLOYMENT_SOURCE = "ticketsmith-model-folders";

    private static final List<String> MODEL_SUFFIXES = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");

    /** How many earlier versions of a file are compared, newest first, to find a stale copy. */
    private static final int OLDER_VERSIONS_COMPARED = 50;

    private final RepositoryService repositoryService;
    private final ObjectMapper objectMapper;
    private final DataSource dataSource;

    public ModelDeployer(RepositoryService repositoryService, ObjectMapper objectMapper, DataSource dataSource) {
        this.repositoryService = repositoryService;
        this.objectMapper = objectMapper;
        this.dataSource = dataSource;
    }

    public static boolean isModelFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && MODEL_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /**
     * Deploys the given content under the file's name, unless it equals the latest deployed version.
     *
     * @throws InvalidModelException when the engine (or, for forms, the JSON check) refuses the model, or the file
     *         equals an older version than the latest
     * @throws ModelDeploymentFailedException when the model could not be deployed for another reason (the database),
     *         so trying again later may succeed
     */
    public DeploymentResult deploy(Path file, byte[] content) {
        String resourceName = file.getFileName().toString();
        if (resourceName.toLowerCase(Locale.ROOT).endsWith(".form")) {
            checkForm(file, content);
        }
        try {
            return ClusterLock.holding(dataSource, ClusterLock.MODEL_DEPLOYMENT, () -> deployLocked(file, resourceName, content));
        } catch (InvalidModelException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isStorageFailure(e)) {
                throw new ModelDeploymentFailedException(file, rootMessage(e), e);
            }
            throw new InvalidModelException(file, "was refused: " + rootMessage(e), e);
        }
    }

    private DeploymentResult deployLocked(Path file, String resourceName, byte[] content) {
        List<Deployment> versions = repositoryService.createDeploymentQuery()
                .deploymentName(resourceName)
                .orderByDeploymentTime().desc()
                .listPage(0, OLDER_VERSIONS_COMPARED + 1);
        if (!versions.isEmpty() && sameContent(versions.get(0), resourceName, content)) {
            return new DeploymentResult(resourceName, null, false);
        }
        for (int i = 1; i < versions.size(); i++) {
            if (sameContent(versions.get(i), resourceName, content)) {
                throw new InvalidModelException(file, "equals the version deployed " + versions.get(i).getDeploymentTime()
                        + ", older than the latest of " + versions.get(0).getDeploymentTime() + "; it is not deployed, "
                        + "so the newer version stays active on every node (a stale copy of the folder?). To go back "
                        + "to it on purpose, deploy it from Modeler or change the file", null);
            }
        }
        Deployment deployment = repositoryService.createDeployment()
                .name(resourceName)
                .source(DEPLOYMENT_SOURCE)
                .enableDuplicateFiltering(false)
                .addInputStream(resourceName, new ByteArrayInputStream(content))
                .deploy();
        return new DeploymentResult(resourceName, deployment.getId(), true);
    }

    /** A database or connection failure, as opposed to a model the engine or the policy refused. */
    private static boolean isStorageFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException || cause instanceof org.springframework.dao.DataAccessException
                    || cause instanceof org.apache.ibatis.exceptions.PersistenceException) {
                return true;
            }
        }
        return false;
    }

    public DeploymentResult deploy(Path file) {
        try {
            return deploy(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidModelException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private boolean sameContent(Deployment deployment, String resourceName, byte[] content) {
        try (InputStream deployed = repositoryService.getResourceAsStream(deployment.getId(), resourceName)) {
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
