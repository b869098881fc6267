package io.ticketsmith.replay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.ticketsmith.models.DecisionTables.Guardrails;
import io.ticketsmith.models.ModelPolicy;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Parses and evaluates guardrails tables with Camunda's standalone DMN engine, which has no database: a candidate is
 * never deployed and its evaluations leave no history. The engine takes the process engine's expression languages,
 * so a table decides here as it would in the process. A candidate passes the same checks as a deployment
 * ({@link ModelPolicy}) before the DMN engine reads it.
 */
public class StandaloneDecisions {

    /** Larger than any table a person edits in Modeler; a bound on what one upload may make the parser read. */
    static final int MAX_TABLE_BYTES = 1_000_000;

    private static final Pattern ERROR_CODE = Pattern.compile("^[A-Z/]+-\\d+");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ModelPolicy policy;
    private final DmnEngine engine;
    private final ThreadLocal<List<String>> matchedRules = new ThreadLocal<>();

    /** @param processEngineDmn the process engine's DMN configuration, whose expression language settings are copied */
    public StandaloneDecisions(ModelPolicy policy, DefaultDmnEngineConfiguration processEngineDmn) {
        this.policy = policy;
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        if (processEngineDmn != null) {
            configuration.setDefaultInputExpressionExpressionLanguage(
                    processEngineDmn.getDefaultInputExpressionExpressionLanguage());
            configuration.setDefaultInputEntryExpressionLanguage(processEngineDmn.getDefaultInputEntryExpressionLanguage());
            configuration.setDefaultOutputEntryExpressionLanguage(
                    processEngineDmn.getDefaultOutputEntryExpressionLanguage());
            configuration.setDefaultLiteralExpressionLanguage(processEngineDmn.getDefaultLiteralExpressionLanguage());
            configuration.setEnableFeelLegacyBehavior(processEngineDmn.isEnableFeelLegacyBehavior());
        }
        if (!configuration.isEnableFeelLegacyBehavior()) {
            // A replay evaluates the same cells thousands of times: parsed once.
            configuration.setFeelEngineFactory(() -> new io.ticketsmith.engine.ParsedFeel(List.of()));
        }
        configuration.setCustomPostDecisionTableEvaluationListeners(List.of(new MatchedRules()));
        this.engine = configuration.buildEngine();
    }

    /** A table from DMN XML: refused with the reason when it breaks the deployment policy or does not parse. */
    public CandidateTable parse(String label, byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new ReplayRefusedException("The candidate table (" + label + ") is empty");
        }
        if (xml.length > MAX_TABLE_BYTES) {
            throw new ReplayRefusedException("The candidate table (" + label + ") has " + xml.length
                    + " bytes; at most " + MAX_TABLE_BYTES + " are read");
        }
        List<ModelPolicy.Finding> findings = policy.check(Guardrails.FILE, xml);
        if (!findings.isEmpty()) {
            throw new ReplayRefusedException("The candidate table (" + label + ") would be refused as a deployment: "
                    + findings.stream().map(ModelPolicy.Finding::toString).collect(Collectors.joining("; ")));
        }
        DmnDecision decision;
        try {
            decision = engine.parseDecision(Guardrails.KEY, new ByteArrayInputStream(xml));
        } catch (DmnEngineException e) {
            throw new ReplayRefusedException("The candidate table (" + label + ") does not parse as a DMN decision "
                    + "with the id '" + Guardrails.KEY + "': " + e.getMessage(), e);
        }
        if (!(decision.getDecisionLogic() instanceof DmnDecisionTableImpl table)) {
            throw new ReplayRefusedException("The candidate (" + label + ") decision '" + Guardrails.KEY
                    + "' is not a decision table");
        }
        boolean hasRoute = table.getOutputs().stream().map(DmnDecisionTableOutputImpl::getOutputName)
                .anyMatch(Guardrails.ROUTE.name()::equals);
        if (!hasRoute) {
            throw new ReplayRefusedException("The candidate table (" + label + ") has no output named '"
                    + Guardrails.ROUTE.name() + "'");
        }
        Set<String> inputs = new LinkedHashSet<>();
        for (DmnDecisionTableInputImpl input : table.getInputs()) {
            String text = input.getExpression() == null ? null : input.getExpression().getExpression();
            if (text != null && VARIABLE_NAME.matcher(text.trim()).matches()) {
                inputs.add(text.trim());
            }
        }
        List<String> rules = table.getRules().stream().map(DmnDecisionTableRuleImpl::getId).toList();
        return new CandidateTable(label, inputs, rules, values -> evaluate(label, decision, values));
    }

    public CandidateTable parse(String label, Path file) {
        try {
            return parse(label, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ReplayRefusedException("The model file " + file.getFileName() + " cannot be read", e);
        }
    }

    public CandidateTable parse(String label, InputStream xml) {
        try (xml) {
            return parse(label, xml.readNBytes(MAX_TABLE_BYTES + 1));
        } catch (IOException e) {
            throw new ReplayRefusedException("The table (" + label + ") cannot be read", e);
        }
    }

    private CandidateTable.Evaluation evaluate(String label, DmnDecision decision, Map<String, Object> inputs) {
        matchedRules.remove();
        try {
            DmnDecisionTableResult result = engine.evaluateDecisionTable(decision,
                    Variables.fromMap(new LinkedHashMap<>(inputs)));
            List<String> matched = matchedRules.get();
            return CandidateTable.Evaluation.of(result.getFirstResult() == null ? null : result.getFirstResult()
                    .getEntryMap(), matched == null ? List.of() : matched);
        } catch (RuntimeException e) {
            // Only the engine's error code: its message may quote an input, and inputs hold names of people.
            throw new ReplayRefusedException("The table (" + label + ") failed on a recorded input set ("
                    + errorCode(e) + "); check its expressions against the inputs the process records", e);
        } finally {
            matchedRules.remove();
        }
    }

    private static String errorCode(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher code = ERROR_CODE.matcher(message);
        return code.find() ? code.group() : e.getClass().getSimpleName();
    }

    /** The rules that decided, per evaluation on this thread; the DMN result alone does not name them. */
    private final class MatchedRules implements DmnDecisionTableEvaluationListener {

        @Override
        public void notify(DmnDecisionTableEvaluationEvent event) {
            List<String> ids = new ArrayList<>();
            for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
                ids.add(rule.getId());
            }
            matchedRules.set(ids);
        }
    }
}
