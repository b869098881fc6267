package io.ticketsmith.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name in {@link DecisionTables} is in the tables in {@code dmn/}, and every value the Java acts on is one the
 * tables give. A process owner who renames a column, a decision or a value in the Modeler breaks this test, not a
 * request in production.
 */
class DecisionTablesTest {

    private static final Path DMN = Path.of("dmn");
    /** A string literal in a FEEL output entry. */
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A table class of {@link DecisionTables} and the file it names. */
    record Table(Class<?> names, DmnModelInstance model) {

        @Override
        public String toString() {
            return names.getSimpleName();
        }

        List<Decision> decisions() {
            return List.copyOf(model.getModelElementsByType(Decision.class));
        }

        List<String> inputExpressions() {
            return model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Input.class).stream()
                    .map(input -> input.getInputExpression().getText().getTextContent().trim()).toList();
        }

        List<String> outputNames() {
            return model.getModelElementsByType(Output.class).stream().map(Output::getName).toList();
        }

        /** The text of every rule's entry in the output column of that name. */
        List<String> outputEntries(String outputName) {
            List<String> entries = new ArrayList<>();
            for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
                List<Output> outputs = List.copyOf(table.getOutputs());
                for (int column = 0; column < outputs.size(); column++) {
                    if (outputName.equals(outputs.get(column).getName())) {
                        for (Rule rule : table.getRules()) {
                            entries.add(List.copyOf(rule.getOutputEntries()).get(column).getTextContent().trim());
                        }
                    }
                }
            }
            return entries;
        }

        Output output(String outputName) {
            return model.getModelElementsByType(Output.class).stream()
                    .filter(output -> outputName.equals(output.getName())).findFirst().orElseThrow();
        }
    }

    static Stream<Table> tables() {
        return Arrays.stream(DecisionTables.class.getDeclaredClasses())
                .filter(names -> constant(names, "FILE") != null)
                .map(names -> new Table(names, Dmn.readModelFromFile(DMN.resolve((String) constant(names, "FILE")).toFile())));
    }

    static Stream<Class<?>> outputValueTypes() {
        return Arrays.stream(DecisionTables.class.getDeclaredClasses())
                .filter(type -> type.isEnum() && DecisionTables.OutputValue.class.isAssignableFrom(type));
    }

    @ParameterizedTest(name = "{0}: decision keys are decision ids of its file")
    @MethodSource("tables")
    void everyDecisionKeyIsADecisionOfItsFile(Table table) {
        List<String> keys = constants(table.names(), String.class).stream()
                .filter(field -> field.getName().equals("KEY") || field.getName().endsWith("_KEY"))
                .map(field -> (String) value(field)).toList();

        assertThat(keys).isNotEmpty();
        assertThat(table.decisions()).extracting(Decision::getId).containsAll(keys);
    }

    @ParameterizedTest(name = "{0}: inputs are read by the input expressions")
    @MethodSource("tables")
    void everyInputIsReadByAnInputExpression(Table table) {
        for (DecisionTables.Input input : constants(table.names(), DecisionTables.Input.class).stream()
                .map(field -> (DecisionTables.Input) value(field)).toList()) {
            assertThat(table.inputExpressions()).as("input expressions reading %s", input.name())
                    .anyMatch(expression -> reads(expression, input.name()));
        }
    }

    @ParameterizedTest(name = "{0}: every input column reads an input the Java provides")
    @MethodSource("tables")
    void everyInputColumnReadsAnInputTheJavaProvides(Table table) {
        List<String> provided = constants(table.names(), DecisionTables.Input.class).stream()
                .map(field -> ((DecisionTables.Input) value(field)).name()).toList();
        for (String expression : table.inputExpressions()) {
            assertThat(provided).as("inputs read by the column %s", expression)
                    .anyMatch(name -> reads(expression, name));
        }
    }

    @ParameterizedTest(name = "{0}: outputs are output columns")
    @MethodSource("tables")
    void everyOutputIsAnOutputColumn(Table table) {
        List<String> outputs = constants(table.names(), DecisionTables.Output.class).stream()
                .map(field -> ((DecisionTables.Output) value(field)).name()).toList();

        assertThat(outputs).isNotEmpty();
        assertThat(table.outputNames()).containsAll(outputs);
    }

    @ParameterizedTest(name = "{0}: the table gives exactly these values")
    @MethodSource("outputValueTypes")
    void outputValuesTheJavaActsOnAreExactlyThoseTheTableGives(Class<?> type) {
        DecisionTables.OutputValue[] values = (DecisionTables.OutputValue[]) type.getEnumConstants();
        DecisionTables.Output output = values[0].output();
        Table table = tables().filter(candidate -> constants(candidate.names(), DecisionTables.Output.class).stream()
                .anyMatch(field -> value(field) == output)).findFirst().orElseThrow();
        Set<String> expected = new LinkedHashSet<>(Arrays.stream(values).map(DecisionTables.OutputValue::value).toList());

        Set<String> given = new LinkedHashSet<>();
        for (String entry : table.outputEntries(output.name())) {
            Matcher literal = LITERAL.matcher(entry);
            while (literal.find()) {
                given.add(literal.group(1));
            }
        }
        assertThat(given).as("values of %s in %s", output.name(), table).containsExactlyInAnyOrderElementsOf(expected);
        Output column = table.output(output.name());
        if (column.getOutputValues() != null) {
            Set<String> allowed = new LinkedHashSet<>();
            Matcher literal = LITERAL.matcher(column.getOutputValues().getText().getTextContent());
            while (literal.find()) {
                allowed.add(literal.group(1));
            }
            assertThat(allowed).as("allowed values of %s in %s", output.name(), table)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Whether a FEEL expression reads the variable: the name stands alone, not as part of a longer name. */
    private static boolean reads(String expression, String name) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?![\\w])").matcher(expression).find();
    }

    private static List<Field> constants(Class<?> names, Class<?> type) {
        return Arrays.stream(names.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == type).toList();
    }

    private static Object constant(Class<?> names, String name) {
        return Arrays.stream(names.getDeclaredFields()).filter(field -> field.getName().equals(name)
                && Modifier.isStatic(field.getModifiers())).findFirst().map(DecisionTablesTest::value).orElse(null);
    }

    private static Object value(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
