package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

/** What reaches the engine's history tables when a request's text or a form's fields are recorded. */
class RedactingHistoryEventHandlerTest {

    private static final String PERSONAL = "Login fails for jane.roe@example.com, call +49 170 1234567. ";
    private static final String REDACTED = "Login fails for [EMAIL_1], call [PHONE_1]. ";

    private final List<HistoryEvent> written = new ArrayList<>();
    private final RedactingHistoryEventHandler handler = new RedactingHistoryEventHandler(new Recording(written),
            new PiiRedactor(), Set.of("requestText"), "reporter");

    @Test
    void formPropertyOfASubmittedStartFormIsNotWritten() {
        handler.handleEvent(formProperty("requestText", PERSONAL));

        assertThat(written).isEmpty();
    }

    @Test
    void formPropertiesAmongOtherEventsAreLeftOutAndTheRestIsWritten() {
        HistoricProcessInstanceEventEntity started = new HistoricProcessInstanceEventEntity();
        HistoricVariableUpdateEventEntity firstValue = variableUpdate("requestText", PERSONAL);

        handler.handleEvents(List.of(started, formProperty("requestText", PERSONAL), firstValue,
                formProperty("reviewComment", "x".repeat(5000))));

        assertThat(written).containsExactly(started, firstValue);
        assertThat(firstValue.getTextValue()).isEqualTo(REDACTED);
    }

    @Test
    void firstValueOfTheRequestTextIsRedactedThenCutToTheColumn() {
        HistoricVariableUpdateEventEntity firstValue = variableUpdate("requestText", PERSONAL + "y".repeat(5000));

        handler.handleEvent(firstValue);

        assertThat(written).containsExactly(firstValue);
        assertThat(firstValue.getTextValue()).hasSize(RedactingHistoryEventHandler.MAX_TEXT).startsWith(REDACTED)
                .endsWith("…");
    }

    @Test
    void firstValueOfTheReporterIsReplacedWhole() {
        HistoricVariableUpdateEventEntity name = variableUpdate("reporter", "Rita Example");
        HistoricVariableUpdateEventEntity address = variableUpdate("reporter", "rita@example.com");
        HistoricVariableUpdateEventEntity placeholder = variableUpdate("reporter", "[EMAIL_1]");

        handler.handleEvents(List.of(name, address, placeholder));

        assertThat(name.getTextValue()).isEqualTo("[NAME_1]");
        assertThat(address.getTextValue()).isEqualTo("[EMAIL_1]");
        assertThat(placeholder.getTextValue()).as("the redacted value written later stays").isEqualTo("[EMAIL_1]");
    }

    @Test
    void otherTextVariablesAreCutToTheColumnButNotRedacted() {
        HistoricVariableUpdateEventEntity longComment = variableUpdate("reviewComment", PERSONAL + "z".repeat(5000));
        HistoricVariableUpdateEventEntity shortComment = variableUpdate("reviewComment", PERSONAL);

        handler.handleEvents(List.of(longComment, shortComment));

        assertThat(longComment.getTextValue()).hasSize(RedactingHistoryEventHandler.MAX_TEXT).startsWith(PERSONAL);
        assertThat(shortComment.getTextValue()).isEqualTo(PERSONAL);
    }

    @Test
    void theValueTheRedactionStepJustSetIsWrittenWithoutBeingReadAgainButACopyOfItIs() {
        Counting redactor = new Counting();
        RedactingHistoryEventHandler counted = new RedactingHistoryEventHandler(new Recording(written), redactor,
                Set.of("requestText"), "reporter");
        PiiRedactor.WithReporter step = redactor.redactWithReporter(PERSONAL, "Rita Example");
        int readByTheStep = redactor.texts;
        HistoricVariableUpdateEventEntity text = variableUpdate("requestText", step.redaction().text());
        HistoricVariableUpdateEventEntity reporter = variableUpdate("reporter", step.reporter());

        counted.handleEvents(List.of(text, reporter));

        assertThat(redactor.texts).isEqualTo(readByTheStep);
        assertThat(text.getTextValue()).isSameAs(step.redaction().text()).isEqualTo(REDACTED);
        assertThat(reporter.getTextValue()).isEqualTo("[NAME_1]");

        HistoricVariableUpdateEventEntity copy = variableUpdate("requestText", new String(step.redaction().text()));
        counted.handleEvent(copy);

        assertThat(redactor.texts).isEqualTo(readByTheStep + 1);
        assertThat(copy.getTextValue()).isEqualTo(REDACTED);
    }

    @Test
    void theRedactorsOutputOnAnotherThreadIsReadAgain() throws Exception {
        Counting redactor = new Counting();
        RedactingHistoryEventHandler counted = new RedactingHistoryEventHandler(new Recording(written), redactor,
                Set.of("requestText"), "reporter");
        String[] output = new String[1];
        Thread other = new Thread(() -> output[0] = redactor.redact(PERSONAL).text());
        other.start();
        other.join();
        int before = redactor.texts;

        counted.handleEvent(variableUpdate("requestText", output[0]));

        assertThat(redactor.texts).isEqualTo(before + 1);
    }

    /** Counts the texts it reads for personal data. */
    private static final class Counting extends PiiRedactor {

        private int texts;

        @Override
        List<Finding> findings(String text) {
            texts++;
            return super.findings(text);
        }
    }

    private static HistoricFormPropertyEventEntity formProperty(String field, String value) {
        HistoricFormPropertyEventEntity event = new HistoricFormPropertyEventEntity();
        event.setEventType(HistoryEventTypes.FORM_PROPERTY_UPDATE.getEventName());
        event.setPropertyId(field);
        event.setPropertyValue(value);
        return event;
    }

    private static HistoricVariableUpdateEventEntity variableUpdate(String name, String value) {
        HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
        event.setEventType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName());
        event.setVariableName(name);
        event.setSerializerName("string");
        event.setTextValue(value);
        return event;
    }

    /** Stands in for the engine's database handler. */
    private record Recording(List<HistoryEvent> written) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent historyEvent) {
            written.add(historyEvent);
        }

        @Override
        public void handleEvents(List<HistoryEvent> historyEvents) {
            written.addAll(historyEvents);
        }
    }
}
