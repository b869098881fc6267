package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticketsmith.models.DecisionTables;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/**
 * What {@code processes/handle-request.bpmn} shows and how it names things, read from the file: the decisions are
 * visible as business rule tasks on the tables' keys, every gateway's default flow is marked and every flow out of a
 * gateway is named, the conditions compare with values the Java knows, and every id in
 * {@link HandleRequestProcess.Elements} is in the model.
 */
class HandleRequestModelTest {

    private static final BpmnModelInstance MODEL = Bpmn.readModelFromFile(new File("processes/handle-request.bpmn"));
    /** {@code ${name == 'value'}}: the form every condition in the model takes. */
    private static final Pattern CONDITION = Pattern.compile("\\$\\{(\\w+) == '([^']*)'}");

    @Test
    void everyGatewayMarksItsDefaultFlow() {
        for (ExclusiveGateway gateway : MODEL.getModelElementsByType(ExclusiveGateway.class)) {
            assertThat(gateway.getDefault()).as("default flow of %s", gateway.getId()).isNotNull();
            assertThat(gateway.getDefault().getConditionExpression()).as("condition of %s's default flow", gateway.getId())
                    .isNull();
        }
    }

    @Test
    void everyFlowOutOfAGatewayIsNamed() {
        for (Gateway gateway : MODEL.getModelElementsByType(Gateway.class)) {
            for (SequenceFlow flow : gateway.getOutgoing()) {
                assertThat(flow.getName()).as("name of %s", flow.getId()).isNotBlank();
            }
        }
    }

    @Test
    void everyConditionComparesWithAValueTheJavaKnows() {
        List<SequenceFlow> conditional = MODEL.getModelElementsByType(SequenceFlow.class).stream()
                .filter(flow -> flow.getConditionExpression() != null).toList();
        assertThat(conditional).isNotEmpty();
        for (SequenceFlow flow : conditional) {
            Matcher condition = CONDITION.matcher(flow.getConditionExpression().getTextContent().trim());
            assertThat(condition.matches()).as("condition of %s", flow.getId()).isTrue();
            Collection<String> known = switch (condition.group(1)) {
                case "route" -> Arrays.stream(DecisionTables.Route.values()).map(DecisionTables.Route::value).toList();
                case "llmMode" -> Arrays.stream(DecisionTables.LlmMode.values()).map(DecisionTables.LlmMode::value).toList();
                case "reviewDecision" -> List.of(HandleRequestProcess.ReviewDecision.APPROVE,
                        HandleRequestProcess.ReviewDecision.REJECT);
                case "reviewedActions" -> Arrays.stream(HandleRequestProcess.ReviewedActions.values())
                        .map(Enum::name).toList();
                default -> List.of();
            };
            assertThat(known).as("values of %s in %s", condition.group(1), flow.getId()).contains(condition.group(2));
        }
    }

    @Test
    void onlyAnExplicitApprovalExecutesAReview() {
        ExclusiveGateway decision = MODEL.getModelElementById("Gateway_ReviewDecision");

        assertThat(decision.getDefault().getTarget().getId()).isEqualTo(HandleRequestProcess.Elements.RECORD_REJECTED);
    }

    @Test
    void theBudgetPriorityAndGuardrailTablesAreBusinessRuleTasksOnTheirKeys() {
        assertThat(decisionRef(HandleRequestProcess.Elements.CHECK_BUDGET)).isEqualTo(DecisionTables.Budget.KEY);
        assertThat(decisionRef(HandleRequestProcess.Elements.DECIDE_PRIORITY)).isEqualTo(DecisionTables.Priority.KEY);
        assertThat(decisionRef(HandleRequestProcess.Elements.CHECK_GUARDRAILS)).isEqualTo(DecisionTables.Guardrails.KEY);
        assertThat(decisionRef(HandleRequestProcess.Elements.CHECK_REVIEWED_ACTIONS))
                .isEqualTo(DecisionTables.Guardrails.KEY);
    }

    @Test
    void priorityIsDecidedOncePerProposedNewIssueWithEveryInputOfTheTable() {
        BusinessRuleTask task = MODEL.getModelElementById(HandleRequestProcess.Elements.DECIDE_PRIORITY);
        MultiInstanceLoopCharacteristics loop = (MultiInstanceLoopCharacteristics) task.getLoopCharacteristics();

        assertThat(loop.getCamundaCollection()).isEqualTo("${" + HandleRequestProcess.Variables.PRIORITY_INPUTS + "}");
        assertThat(loop.getCamundaElementVariable()).isEqualTo(HandleRequestProcess.Variables.PRIORITY_INPUT.name());
        assertThat(task.getCamundaResultVariable()).as("the end listener reads the engine's transient result").isNull();
        List<CamundaInputParameter> inputs = List.copyOf(
                task.getExtensionElements().getElementsQuery().filterByType(
                        org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult()
                        .getCamundaInputParameters());
        List<String> tableInputs = List.of(DecisionTables.Priority.REQUESTED_PRIORITY.name(),
                DecisionTables.Priority.URGENCY.name(), DecisionTables.Priority.ISSUE_TYPE.name());
        assertThat(inputs).extracting(CamundaInputParameter::getCamundaName).containsExactlyInAnyOrderElementsOf(tableInputs);
        for (CamundaInputParameter input : inputs) {
            assertThat(input.getTextContent().trim()).isEqualTo(
                    "${" + HandleRequestProcess.Variables.PRIORITY_INPUT.name() + "." + input.getCamundaName() + "}");
        }
        // The collection must exist before the task starts: a take listener on the one flow into it prepares it.
        assertThat(task.getIncoming()).singleElement().satisfies(flow -> assertThat(
                flow.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list())
                .extracting(CamundaExecutionListener::getCamundaEvent, CamundaExecutionListener::getCamundaDelegateExpression)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("take", "${priorityInputsListener}")));
    }

    @Test
    void escalationBranchEndsWithoutSoundingLikeTheEndOfTheRequest() {
        EndEvent end = MODEL.getModelElementById(HandleRequestProcess.Elements.ESCALATION_RECORDED);

        assertThat(end.getName()).isEqualTo("Escalation recorded");
        assertThat(MODEL.getModelElementsByType(EndEvent.class)).extracting(FlowNode::getName)
                .filteredOn(name -> name.startsWith("Request ")).hasSize(4);
    }

    @Test
    void everyElementIdOfTheJavaIsInTheModel() throws IllegalAccessException {
        for (Field field : HandleRequestProcess.Elements.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String id = (String) field.get(null);
                assertThat((Object) MODEL.getModelElementById(id)).as("%s = %s", field.getName(), id).isNotNull();
            }
        }
    }

    private static String decisionRef(String taskId) {
        BusinessRuleTask task = MODEL.getModelElementById(taskId);
        assertThat(task).as("%s is a business rule task", taskId).isNotNull();
        return task.getCamundaDecisionRef();
    }
}
