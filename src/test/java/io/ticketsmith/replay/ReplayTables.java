package io.ticketsmith.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.models.DecisionTables.Route;
import io.ticketsmith.models.ModelPolicy;

/** Small candidate tables and recorded requests for replay tests. */
final class ReplayTables {

    static final Instant DAY = Instant.parse("2026-11-02T10:00:00Z");

    private ReplayTables() {
    }

    static StandaloneDecisions decisions() {
        return new StandaloneDecisions(new ModelPolicy(Set::of, name -> false, new ObjectMapper()), null);
    }

    /**
     * A guardrails table of three rules (FIRST): confidence at least {@code autoFrom} runs automatically, an
     * injection score of 2 or more (impossible) refuses, everything else goes to review.
     */
    static String table(double autoFrom) {
        return table(autoFrom, "minConfidence");
    }

    static String table(double autoFrom, String confidenceInput) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_Candidate"
                             name="Candidate" namespace="https://ticketsmith.io/dmn">
                  <decision id="guardrails" name="Guardrails" camunda:historyTimeToLive="180">
                    <decisionTable id="DecisionTable_Candidate" hitPolicy="FIRST">
                      <input id="Input_Confidence"><inputExpression id="InputExpression_Confidence" typeRef="double"><text>%s</text></inputExpression></input>
                      <input id="Input_Injection"><inputExpression id="InputExpression_Injection" typeRef="double"><text>injectionScore</text></inputExpression></input>
                      <output id="Output_Route" name="route" typeRef="string" />
                      <rule id="Rule_ConfidentAuto">
                        <inputEntry id="Entry_ConfidentAuto_Confidence"><text>&gt;= %s</text></inputEntry>
                        <inputEntry id="Entry_ConfidentAuto_Injection"><text>&lt; 0.5</text></inputEntry>
                        <outputEntry id="Out_ConfidentAuto"><text>"AUTO"</text></outputEntry>
                      </rule>
                      <rule id="Rule_ImpossibleReject">
                        <inputEntry id="Entry_ImpossibleReject_Confidence"><text></text></inputEntry>
                        <inputEntry id="Entry_ImpossibleReject_Injection"><text>&gt;= 2</text></inputEntry>
                        <outputEntry id="Out_ImpossibleReject"><text>"REJECT"</text></outputEntry>
                      </rule>
                      <rule id="Rule_OtherwiseReview">
                        <inputEntry id="Entry_OtherwiseReview_Confidence"><text></text></inputEntry>
                        <inputEntry id="Entry_OtherwiseReview_Injection"><text></text></inputEntry>
                        <outputEntry id="Out_OtherwiseReview"><text>"REVIEW"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(confidenceInput, autoFrom);
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static RecordedRequest request(String id, double confidence, Route recorded, ReviewerOutcome outcome,
            String category, String... projects) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("minConfidence", confidence);
        inputs.put("injectionScore", 0.0);
        return new RecordedRequest(id, DAY, inputs, recorded, outcome, "api", category, List.of(projects));
    }

    static RecordedDecisions history(List<RecordedRequest> requests) {
        return (from, to, consumer) -> requests.stream()
                .filter(request -> !request.evaluatedAt().isBefore(from) && request.evaluatedAt().isBefore(to))
                .forEach(consumer);
    }
}
