package io.ticketsmith.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Holds every new deployment to the {@link ModelPolicy}, whichever way it comes: the model folders, Modeler or a
 * call to {@code /engine-rest/deployment/create}, a redeployment of earlier resources included. It runs before the
 * engine parses anything, so a refused model leaves nothing behind. The refusal is the engine's own parse error,
 * which the engine REST API answers with 400 and, per resource, the element and the reason (Modeler shows them).
 */
@Component
class ModelPolicyPlugin extends AbstractProcessEnginePlugin {

    private static final String PRODUCT_PACKAGE = "io.ticketsmith.";

    private final ModelPolicy policy;

    ModelPolicyPlugin(ListableBeanFactory beans, ObjectMapper objectMapper) {
        this.policy = new ModelPolicy(() -> productDelegates(beans), beans::containsBean, objectMapper);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(0, new PolicyCheck(policy));
        configuration.setCustomPreDeployers(deployers);
    }

    /** The product's delegates and listeners: beans of its own classes that the engine can call. */
    private static Set<String> productDelegates(ListableBeanFactory beans) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : List.of(JavaDelegate.class, ExecutionListener.class, TaskListener.class)) {
            for (String name : beans.getBeanNamesForType(type, false, false)) {
                Class<?> beanType = beans.getType(name, false);
                if (beanType != null && beanType.getName().startsWith(PRODUCT_PACKAGE)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static final class PolicyCheck implements Deployer {

        private final ModelPolicy policy;

        PolicyCheck(ModelPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void deploy(DeploymentEntity deployment) {
            if (!deployment.isNew()) {
                // Loading a deployed definition into a node's cache: it passed when it was deployed.
                return;
            }
            Map<String, ResourceEntity> resources = deployment.getResources();
            if (resources == null) {
                return;
            }
            for (ResourceEntity resource : resources.values()) {
                List<ModelPolicy.Finding> findings = policy.check(resource.getName(), resource.getBytes());
                if (!findings.isEmpty()) {
                    throw new ParseException(resource.getName() + " was refused: " + findings.stream()
                            .map(ModelPolicy.Finding::toString).collect(Collectors.joining("; ")),
                            resource.getName(), findings.stream().<Problem>map(Refusal::new).toList(), List.of());
                }
            }
        }
    }

    private record Refusal(ModelPolicy.Finding finding) implements Problem {

        @Override
        public String getMessage() {
            return finding.reason();
        }

        @Override
        public int getLine() {
            return finding.line();
        }

        @Override
        public int getColumn() {
            return finding.column();
        }

        @Override
        public String getMainElementId() {
            return finding.elementId();
        }

        @Override
        public List<String> getElementIds() {
            return finding.elementId() == null ? List.of() : List.of(finding.elementId());
        }
    }
}
