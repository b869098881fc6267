package io.ticketsmith.replay;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.models.DecisionTables.Guardrails;
import io.ticketsmith.models.ModelPolicy;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * With {@code ticketsmith.replay.gate.enabled}, holds every new version of the guardrails table, from the model
 * folders, Modeler or {@code /engine-rest}, to a replay over the recent past ({@link ReplayGate}) before the engine
 * parses it. It runs after the deployment policy, inside the deployment's own command, and refuses with the
 * engine's parse error, which the engine REST API answers with 400 and the measured figures.
 */
@Component
class ReplayGatePlugin extends AbstractProcessEnginePlugin {

    private final ReplayProperties properties;
    private final ObjectMapper objectMapper;
    private final ListableBeanFactory beans;
    private final Clock clock;

    ReplayGatePlugin(ReplayProperties properties, ObjectMapper objectMapper, ListableBeanFactory beans, Clock clock) {
        this.properties = properties;
        this.objectMapper = objectMapper;
        this.beans = beans;
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!properties.gate().enabled()) {
            return;
        }
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(new GateCheck(configuration, this));
        configuration.setCustomPreDeployers(deployers);
    }

    ReplayGate gate(ProcessEngineConfigurationImpl configuration) {
        DecisionReplay replay = new DecisionReplay(new EngineRecordedDecisions(configuration, objectMapper,
                properties.pageSize()), properties.maxIdsPerChange());
        return new ReplayGate(replay, properties.gate(), clock);
    }

    StandaloneDecisions decisions(ProcessEngineConfigurationImpl configuration) {
        return new StandaloneDecisions(new ModelPolicy(Set::of, beans::containsBean, objectMapper),
                configuration.getDmnEngineConfiguration());
    }

    private static final class GateCheck implements Deployer {

        private final ProcessEngineConfigurationImpl configuration;
        private final ReplayGatePlugin plugin;
        private StandaloneDecisions decisions;

        GateCheck(ProcessEngineConfigurationImpl configuration, ReplayGatePlugin plugin) {
            this.configuration = configuration;
            this.plugin = plugin;
        }

        @Override
        public void deploy(DeploymentEntity deployment) {
            if (!deployment.isNew() || deployment.getResources() == null) {
                return;
            }
            for (Map.Entry<String, ResourceEntity> entry : deployment.getResources().entrySet()) {
                ResourceEntity resource = entry.getValue();
                if (!resource.getName().toLowerCase(Locale.ROOT).endsWith(".dmn") || !declaresGuardrails(resource)) {
                    continue;
                }
                CandidateTable candidate;
                try {
                    candidate = decisions().parse(resource.getName(), resource.getBytes());
                } catch (ReplayRefusedException e) {
                    // Not a guardrails table after all, or one the engine's own parser will refuse with its reason.
                    continue;
                }
                ReplayGate.Verdict verdict = plugin.gate(configuration).check(candidate);
                if (!verdict.passes()) {
                    throw new ParseException(resource.getName() + ": " + verdict.refusal(), resource.getName(),
                            List.of(), List.of());
                }
            }
        }

        private StandaloneDecisions decisions() {
            if (decisions == null) {
                decisions = plugin.decisions(configuration);
            }
            return decisions;
        }

        private static boolean declaresGuardrails(ResourceEntity resource) {
            String xml = new String(resource.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return xml.contains("id=\"" + Guardrails.KEY + "\"") || xml.contains("id='" + Guardrails.KEY + "'");
        }
    }
}
