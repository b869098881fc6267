package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

class ParsedFeelTest {

    private final ParsedFeel parsedOnce = new ParsedFeel(List.of());
    private final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());

    private static final List<String> UNARY_TESTS = List.of("\"bug\"", "\"bug\",\"incident\"", "not(\"bug\")",
            ">= 0.9", "< threshold", "[0.5..0.9]", "> 0.4, < 0.2", "null", "?", "starts with(?, \"b\")",
            "? in [\"bug\", \"feature\"]", "contains(?, \"u\")");
    private static final List<String> EXPRESSIONS = List.of("category", "confidence * 100", "\"route-\" + category",
            "if confidence >= threshold then \"AUTO\" else \"REVIEW\"", "upper case(category)", "missing",
            "count([1, 2, 3])", "date(\"2026-11-30\")");

    @Test
    void givesTheResultsOfCamundasFeelEngine() {
        for (Object input : new Object[] {"bug", "incident", 0.95, 0.3, 0.7, null}) {
            VariableContext variables = variables(input);
            for (String test : UNARY_TESTS) {
                assertThat(outcome(() -> parsedOnce.evaluateSimpleUnaryTests(test, "cellInput", variables)))
                        .as("%s for %s", test, input)
                        .isEqualTo(outcome(() -> camunda.evaluateSimpleUnaryTests(test, "cellInput", variables)));
            }
        }
        VariableContext variables = variables("bug");
        for (String expression : EXPRESSIONS) {
            assertThat(outcome(() -> parsedOnce.evaluateSimpleExpression(expression, variables))).as(expression)
                    .isEqualTo(outcome(() -> camunda.evaluateSimpleExpression(expression, variables)));
        }
    }

    @Test
    void parsesEachExpressionOnceHoweverOftenItIsEvaluated() {
        for (int round = 0; round < 20; round++) {
            for (String test : UNARY_TESTS) {
                outcome(() -> parsedOnce.evaluateSimpleUnaryTests(test, "cellInput", variables("bug")));
            }
        }
        assertThat(parsedOnce.parsedCount()).isEqualTo(UNARY_TESTS.size());
    }

    @Test
    void anExpressionThatDoesNotParseFailsEveryTimeWithCamundasMessage() {
        for (int round = 0; round < 2; round++) {
            Throwable parsed = catchThrowable(() -> parsedOnce.evaluateSimpleUnaryTests(">>> 1", "cellInput",
                    variables("bug")));
            Throwable expected = catchThrowable(() -> camunda.evaluateSimpleUnaryTests(">>> 1", "cellInput",
                    variables("bug")));
            assertThat(parsed).isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
        }
    }

    private static VariableContext variables(Object input) {
        java.util.Map<String, Object> values = new java.util.HashMap<>(Map.of("category", "bug", "confidence", 0.95,
                "threshold", 0.9));
        values.put("cellInput", input);
        return Variables.fromMap(values).asVariableContext();
    }

    /** The value, or the failure's type and message: what a caller of either engine would see. */
    private static Object outcome(java.util.concurrent.Callable<Object> evaluation) {
        try {
            return evaluation.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
