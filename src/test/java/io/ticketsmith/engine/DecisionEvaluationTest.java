package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.Test;

class DecisionEvaluationTest {

    private static final String TABLES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="tables" name="tables" namespace="test">
              <decision id="route" name="Route">
                <informationRequirement><requiredDecision href="#risk"/></informationRequirement>
                <decisionTable id="routeTable" hitPolicy="FIRST">
                  <input id="in1" label="Category"><inputExpression typeRef="string"><text>category</text></inputExpression></input>
                  <input id="in2" label="Confidence"><inputExpression typeRef="double"><text>confidence</text></inputExpression></input>
                  <input id="in3" label="Risk"><inputExpression typeRef="string"><text>risk</text></inputExpression></input>
                  <output id="out1" name="route" typeRef="string"/>
                  <output id="out2" name="reason" typeRef="string"/>
                  <rule id="Rule_Auto">
                    <inputEntry><text>"bug"</text></inputEntry>
                    <inputEntry><text>&gt;= threshold</text></inputEntry>
                    <inputEntry><text>"low"</text></inputEntry>
                    <outputEntry><text>"AUTO"</text></outputEntry>
                    <outputEntry><text>"sure enough for " + team</text></outputEntry>
                  </rule>
                  <rule id="Rule_Review">
                    <inputEntry><text></text></inputEntry>
                    <inputEntry><text></text></inputEntry>
                    <inputEntry><text></text></inputEntry>
                    <outputEntry><text>"REVIEW"</text></outputEntry>
                    <outputEntry><text>"not sure"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
              <decision id="risk" name="Risk">
                <decisionTable id="riskTable" hitPolicy="FIRST">
                  <input id="r1" label="Injection"><inputExpression typeRef="double"><text>injectionScore</text></inputExpression></input>
                  <output id="r2" name="risk" typeRef="string"/>
                  <rule id="Rule_Low"><inputEntry><text>&lt; 0.4</text></inputEntry><outputEntry><text>"low"</text></outputEntry></rule>
                  <rule id="Rule_High"><inputEntry><text></text></inputEntry><outputEntry><text>"high"</text></outputEntry></rule>
                </decisionTable>
              </decision>
              <decision id="greeting" name="Greeting">
                <variable id="greetingVariable" name="greeting" typeRef="string"/>
                <literalExpression id="greetingText"><text>"Hello " + requester</text></literalExpression>
              </decision>
            </definitions>
            """;

    private final DmnEngine engine = new DecisionEvaluation.Configuration().buildEngine();
    private final DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @Test
    void aTableReadsOnlyTheVariablesItsExpressionsOrThoseOfItsRequiredDecisionsName() {
        Recorded variables = request(0.95, 0.1);

        DmnDecisionResult result = engine.evaluateDecision(decision(engine, "route"), variables);

        assertThat(result.getSingleResult().getEntryMap()).containsEntry("route", "AUTO")
                .containsEntry("reason", "sure enough for web");
        assertThat(variables.resolved).containsExactlyInAnyOrder("category", "confidence", "threshold", "team",
                "injectionScore");
    }

    @Test
    void everyResultIsTheOneTheEngineGivesWithAllVariables() {
        for (double confidence : new double[] {0.5, 0.89, 0.9, 0.99}) {
            for (double injection : new double[] {0.0, 0.39, 0.4, 0.9}) {
                for (String decisionKey : List.of("route", "risk", "greeting")) {
                    DmnDecisionResult cheaper = engine.evaluateDecision(decision(engine, decisionKey),
                            request(confidence, injection));
                    DmnDecisionResult expected = plain.evaluateDecision(decision(plain, decisionKey),
                            request(confidence, injection));
                    assertThat(cheaper.getResultList()).as("%s at %s / %s", decisionKey, confidence, injection)
                            .isEqualTo(expected.getResultList());
                }
            }
        }
    }

    @Test
    void aLiteralExpressionReadsTheVariableItNames() {
        Recorded variables = request(0.5, 0.5);

        DmnDecisionResult result = engine.evaluateDecision(decision(engine, "greeting"), variables);

        assertThat((String) result.getSingleResult().getSingleEntry()).isEqualTo("Hello Dana");
        assertThat(variables.resolved).containsExactly("requester");
    }

    @Test
    void withoutTheFilterEveryVariableIsRead() {
        // The cost the filter takes out: the plain engine reads the large, unrelated ones too.
        Recorded variables = request(0.95, 0.1);

        plain.evaluateDecision(decision(plain, "greeting"), variables);

        assertThat(variables.resolved).contains("analysis", "actions");
    }

    private static DmnDecision decision(DmnEngine engine, String key) {
        return engine.parseDecision(key, new ByteArrayInputStream(TABLES.getBytes(StandardCharsets.UTF_8)));
    }

    private static Recorded request(double confidence, double injection) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("category", "bug");
        values.put("confidence", confidence);
        values.put("threshold", 0.9);
        values.put("team", "web");
        values.put("injectionScore", injection);
        values.put("requester", "Dana");
        values.put("analysis", "{\"summary\": \"a large JSON value\"}");
        values.put("actions", "[]");
        return new Recorded(values);
    }

    /** A request's variables that notes which of them are read. */
    private static final class Recorded implements VariableContext {

        private final Map<String, Object> values;
        private final List<String> resolved = new ArrayList<>();

        Recorded(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public TypedValue resolve(String name) {
            resolved.add(name);
            return Variables.untypedValue(values.get(name));
        }

        @Override
        public boolean containsVariable(String name) {
            return values.containsKey(name);
        }

        @Override
        public Set<String> keySet() {
            return values.keySet();
        }
    }
}
