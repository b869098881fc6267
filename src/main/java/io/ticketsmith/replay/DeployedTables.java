package io.ticketsmith.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.ticketsmith.models.DecisionTables.Guardrails;
import io.ticketsmith.models.ModelProperties;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/** Where replays get the tables they compare: a deployed version of {@code guardrails}, the latest, or the file. */
@Component
class DeployedTables {

    private final RepositoryService repository;
    private final StandaloneDecisions decisions;
    private final ModelProperties models;

    DeployedTables(RepositoryService repository, StandaloneDecisions decisions, ModelProperties models) {
        this.repository = repository;
        this.decisions = decisions;
        this.models = models;
    }

    CandidateTable version(int version) {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(Guardrails.KEY)
                .decisionDefinitionVersion(version).withoutTenantId().singleResult();
        if (definition == null) {
            throw new ReplayRefusedException("No version " + version + " of the decision '" + Guardrails.KEY
                    + "' is deployed");
        }
        return table(definition);
    }

    /** The version requests are decided by today; empty before the first deployment. */
    Optional<CandidateTable> latest() {
        return Optional.ofNullable(repository.createDecisionDefinitionQuery().decisionDefinitionKey(Guardrails.KEY)
                .withoutTenantId().latestVersion().singleResult()).map(this::table);
    }

    /** {@code guardrails.dmn} as it is in the model folder now, deployed or not. */
    CandidateTable file() {
        for (Path folder : models.folders()) {
            Path file = folder.resolve(Guardrails.FILE);
            if (Files.isRegularFile(file)) {
                return decisions.parse("file " + Guardrails.FILE, file);
            }
        }
        throw new ReplayRefusedException("No " + Guardrails.FILE + " in the model folders");
    }

    private CandidateTable table(DecisionDefinition definition) {
        return decisions.parse("version " + definition.getVersion(),
                repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName()));
    }
}
