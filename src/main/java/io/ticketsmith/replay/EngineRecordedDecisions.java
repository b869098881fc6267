package io.ticketsmith.replay;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.guardrails.GuardrailOutcome;
import io.ticketsmith.models.DecisionTables.Guardrails;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.HistoricDecisionInstanceQueryImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInputInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionOutputInstanceEntity;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricVariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Reads recorded guardrails decisions from the engine's history: the "Check guardrails" task's evaluations of
 * {@code guardrails} in a period, oldest first, a page at a time, each page completed with its requests' variables
 * (route, reviews, category, source, actions) in two more queries. Only finished requests count: a running one has
 * no reviewer outcome yet.
 *
 * <p>The reads run in one engine command each, without the engine's authorization checks: replays give process
 * owners, who may not read history, counts and request ids only, and the API decides who may run one. The recorded
 * inputs are taken as data: JSON values are read as plain lists and maps, never into the class they name.
 */
public class EngineRecordedDecisions implements RecordedDecisions {

    private static final List<String> VARIABLES = List.of(Variables.SOURCE.name(), Variables.CATEGORY.name(),
            Variables.REVIEWS.name(), Variables.ACTIONS.name(), Variables.PROPOSED_ACTIONS.name());

    private final ProcessEngineConfigurationImpl engine;
    private final ObjectMapper objectMapper;
    private final int pageSize;

    public EngineRecordedDecisions(ProcessEngineConfigurationImpl engine, ObjectMapper objectMapper, int pageSize) {
        this.engine = engine;
        this.objectMapper = objectMapper;
        this.pageSize = pageSize;
    }

    @Override
    public void forEach(Instant from, Instant to, Consumer<RecordedRequest> consumer) {
        Set<String> seen = new HashSet<>();
        Map<String, Map<String, String>> clauseNames = new HashMap<>();
        Cursor cursor = new Cursor(from, 0);
        while (cursor != null) {
            Cursor at = cursor;
            List<RecordedRequest> page = new ArrayList<>();
            // Inside a deployment (the gate) the reads join its command; elsewhere each page is a command of its own.
            CommandContext open = Context.getCommandContext();
            cursor = open != null
                    ? open.runWithoutAuthorization(() -> page(open, at, to, seen, clauseNames, page))
                    : engine.getCommandExecutorTxRequired().execute(context -> context
                            .runWithoutAuthorization(() -> page(context, at, to, seen, clauseNames, page)));
            page.forEach(consumer);
        }
    }

    /**
     * Where the next page starts: evaluations at or after {@code after}, skipping the first {@code skip} of them
     * (those at exactly that time already read). Seeking by time keeps every page as cheap as the first, where an
     * offset would make the database pass over everything read before.
     */
    private record Cursor(Instant after, int skip) {
    }

    /** Reads one page into {@code requests}; the cursor of the next page, or null after the last. */
    private Cursor page(CommandContext context, Cursor cursor, Instant to, Set<String> seen,
            Map<String, Map<String, String>> clauseNames, List<RecordedRequest> requests) {
        HistoricDecisionInstanceQueryImpl query = new HistoricDecisionInstanceQueryImpl();
        query.decisionDefinitionKey(Guardrails.KEY).activityIdIn(HandleRequestProcess.Elements.CHECK_GUARDRAILS)
                .evaluatedAfter(Date.from(cursor.after())).evaluatedBefore(Date.from(to)).includeInputs()
                .includeOutputs().disableCustomObjectDeserialization().disableBinaryFetching();
        query.orderByEvaluationTime().asc().orderByDecisionInstanceId().asc();
        // The engine pages by the query's own bounds; the Page argument is not read.
        query.setFirstResult(cursor.skip());
        query.setMaxResults(pageSize);
        List<HistoricDecisionInstance> evaluations = query.executeList(context, new Page(cursor.skip(), pageSize));
        if (evaluations.isEmpty()) {
            return null;
        }
        Instant last = evaluations.get(evaluations.size() - 1).getEvaluationTime().toInstant();
        int atLast = (int) evaluations.stream().filter(e -> e.getEvaluationTime().toInstant().equals(last)).count();
        Cursor next = evaluations.size() < pageSize ? null
                : new Cursor(last, last.equals(cursor.after()) ? cursor.skip() + atLast : atLast);
        Map<String, HistoricDecisionInstance> firstEvaluations = new LinkedHashMap<>();
        for (HistoricDecisionInstance evaluation : evaluations) {
            String instance = evaluation.getProcessInstanceId();
            // evaluatedBefore is inclusive; the period is not.
            if (instance != null && evaluation.getEvaluationTime().toInstant().isBefore(to) && seen.add(instance)) {
                firstEvaluations.put(instance, evaluation);
            }
        }
        if (firstEvaluations.isEmpty()) {
            return next;
        }
        Map<String, String> requestIds = finishedRequests(context, firstEvaluations.keySet());
        Map<String, Map<String, Object>> variables = variables(context, requestIds.keySet());
        firstEvaluations.forEach((instance, evaluation) -> {
            String requestId = requestIds.get(instance);
            if (requestId != null) {
                requests.add(request(context, requestId, evaluation,
                        variables.getOrDefault(instance, Map.of()), clauseNames));
            }
        });
        return next;
    }

    /** Process instance id to request id (the business key), for those of the ids that have ended. */
    private static Map<String, String> finishedRequests(CommandContext context, Set<String> instanceIds) {
        HistoricProcessInstanceQueryImpl query = new HistoricProcessInstanceQueryImpl();
        query.processInstanceIds(new HashSet<>(instanceIds)).finished();
        query.setMaxResults(instanceIds.size());
        Map<String, String> finished = new HashMap<>();
        for (HistoricProcessInstance instance : query.executeList(context, new Page(0, instanceIds.size()))) {
            finished.put(instance.getId(), instance.getBusinessKey() != null ? instance.getBusinessKey()
                    : instance.getId());
        }
        return finished;
    }

    /** The request-level variables a replay needs, by process instance. */
    private static Map<String, Map<String, Object>> variables(CommandContext context, Set<String> instanceIds) {
        Map<String, Map<String, Object>> variables = new HashMap<>();
        if (instanceIds.isEmpty()) {
            return variables;
        }
        HistoricVariableInstanceQueryImpl query = new HistoricVariableInstanceQueryImpl();
        query.processInstanceIdIn(instanceIds.toArray(String[]::new)).variableNameIn(VARIABLES.toArray(String[]::new))
                .disableCustomObjectDeserialization().disableBinaryFetching();
        for (HistoricVariableInstance variable : query.executeList(context, new Page(0, Integer.MAX_VALUE))) {
            // The request's own values only: a task's working copies would shadow them by name.
            String instance = variable.getProcessInstanceId();
            if (instance.equals(variable.getActivityInstanceId()) && variable.getTaskId() == null
                    && !(variable.getTypedValue() instanceof ObjectValue) && variable.getValue() != null) {
                variables.computeIfAbsent(instance, key -> new HashMap<>()).put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    private RecordedRequest request(CommandContext context, String requestId, HistoricDecisionInstance evaluation,
            Map<String, Object> variables, Map<String, Map<String, String>> clauseNames) {
        Map<String, String> names = clauseNames.computeIfAbsent(evaluation.getDecisionDefinitionId(),
                definitionId -> inputNames(context, definitionId));
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (HistoricDecisionInputInstance input : evaluation.getInputs()) {
            inputs.put(names.getOrDefault(input.getClauseId(), input.getClauseId()), plain(serialized(input)));
        }
        Map<String, Object> outputs = new HashMap<>();
        for (HistoricDecisionOutputInstance output : evaluation.getOutputs()) {
            if (output.getVariableName() != null) {
                outputs.put(output.getVariableName(), plain(serialized(output)));
            }
        }
        List<ProposedAction> actions = readOrNull(() -> Variables.PROPOSED_ACTIONS.get(variables));
        if (actions == null) {
            actions = readOrNull(() -> Variables.ACTIONS.get(variables));
        }
        List<String> projects = actions == null ? List.of() : actions.stream()
                .flatMap(action -> action.projectKeys().stream()).distinct().toList();
        return new RecordedRequest(requestId, evaluation.getEvaluationTime().toInstant(), inputs,
                GuardrailOutcome.of(outputs).route(),
                ReviewerOutcome.of(readOrNull(() -> Variables.REVIEWS.get(variables))),
                asText(variables.get(Variables.SOURCE.name())), asText(variables.get(Variables.CATEGORY.name())),
                projects);
    }

    /**
     * Input column id to the variable its expression reads, from the deployed version that made the decision (its
     * ids may differ from today's table's).
     */
    private static Map<String, String> inputNames(CommandContext context, String definitionId) {
        Map<String, String> names = new HashMap<>();
        DecisionDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedDecisionDefinitionById(definitionId);
        if (definition != null && definition.getDecisionLogic() instanceof DmnDecisionTableImpl table) {
            for (DmnDecisionTableInputImpl input : table.getInputs()) {
                if (input.getExpression() != null && input.getExpression().getExpression() != null) {
                    names.put(input.getId(), input.getExpression().getExpression().trim());
                }
            }
        }
        return names;
    }

    /** The value as stored: an object value stays JSON text, whatever class it names. */
    private static TypedValue serialized(HistoricDecisionInputInstance input) {
        return input instanceof HistoricDecisionInputInstanceEntity entity ? entity.getTypedValue(false)
                : input.getTypedValue();
    }

    private static TypedValue serialized(HistoricDecisionOutputInstance output) {
        return output instanceof HistoricDecisionOutputInstanceEntity entity ? entity.getTypedValue(false)
                : output.getTypedValue();
    }

    private Object plain(TypedValue value) {
        if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
            String serialized = serializable.getValueSerialized();
            if (serialized == null || !"application/json".equals(serializable.getSerializationDataFormat())) {
                return null;
            }
            try {
                return objectMapper.readValue(serialized, Object.class);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return value == null ? null : value.getValue();
    }

    private static String asText(Object value) {
        return value == null ? null : value.toString();
    }

    /** A product-written JSON variable that does not read (an older shape) leaves its breakdown empty. */
    private static <T> T readOrNull(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
