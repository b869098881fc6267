package io.ticketsmith.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;

import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine, evaluating as it does, but parsing each distinct expression once: the engine parses every
 * cell of a table at every evaluation, which costs more than evaluating it. The parsed expressions are immutable
 * trees; at most {@value #MAX_PARSED} of each kind are kept, and a deployment that brings more starts afresh.
 */
public class ParsedFeel extends ScalaFeelEngine {

    static final int MAX_PARSED = 5_000;

    private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
    private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();

    public ParsedFeel(List<FeelCustomFunctionProvider> functionProviders) {
        super(functionProviders);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        Either<Failure, Object> result = evaluate(expressions, expression, feelEngine::parseExpression,
                new Variables(new ContextVariableWrapper(variables)));
        if (result instanceof Right<Failure, Object> value) {
            return (T) value.value();
        }
        throw LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        // As the engine does it: the unary tests read the input through the name of its variable.
        VariableProvider input = new VariableProvider.StaticVariableProvider(
                new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
        VariableProvider all = new VariableProvider.CompositeVariableProvider(
                toScalaList(input, new ContextVariableWrapper(variables)));
        Either<Failure, Object> result = evaluate(unaryTests, expression, feelEngine::parseUnaryTests,
                new Variables(all));
        if (result instanceof Right<Failure, Object> value) {
            return camundajar.impl.scala.runtime.BoxesRunTime.unboxToBoolean(value.value());
        }
        throw LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
    }

    private Either<Failure, Object> evaluate(Map<String, Either<Failure, ParsedExpression>> parsed, String expression,
            Function<String, Either<Failure, ParsedExpression>> parse, CustomContext context) {
        Either<Failure, ParsedExpression> tree = parsed.get(expression);
        if (tree == null) {
            tree = parse.apply(expression);
            if (parsed.size() >= MAX_PARSED) {
                parsed.clear();
            }
            parsed.put(expression, tree);
        }
        if (tree instanceof Right<Failure, ParsedExpression> ready) {
            return feelEngine.eval(ready.value(), context);
        }
        @SuppressWarnings("unchecked")
        Either<Failure, Object> failed = (Either<Failure, Object>) (Either<?, ?>) tree;
        return failed;
    }

    /** The evaluation's variables; functions come from the engine, as in Camunda's own contexts. */
    private static final class Variables extends CustomContext {

        private final VariableProvider variables;

        Variables(VariableProvider variables) {
            this.variables = variables;
        }

        @Override
        public VariableProvider variableProvider() {
            return variables;
        }
    }

    /** How many expressions of each kind are parsed and kept; for tests. */
    int parsedCount() {
        return unaryTests.size() + expressions.size();
    }
}
