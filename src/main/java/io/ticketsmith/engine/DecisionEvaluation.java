package io.ticketsmith.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionLogic;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionLiteralExpressionImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The process engine's DMN engine, with two costs per evaluation taken out and no result changed:
 * <ul>
 * <li>The engine hands a table every variable of the request, and the DMN engine reads each of them before it
 * evaluates anything: every JSON variable fetched from the database and parsed, for a table that reads a handful of
 * strings. Here a table sees only the variables its expressions name ({@link NamedVariables}).</li>
 * <li>Camunda's FEEL engine parses every cell at every evaluation; {@link ParsedFeel} keeps the parsed cells.</li>
 * </ul>
 * Every other plugin that changes the DMN configuration takes it from {@link #configurationOf}, so that there is one.
 */
public final class DecisionEvaluation {

    private DecisionEvaluation() {
    }

    /** The engine's DMN configuration, created as this one when nothing has set it yet. */
    public static DefaultDmnEngineConfiguration configurationOf(ProcessEngineConfigurationImpl engine) {
        if (engine.getDmnEngineConfiguration() == null) {
            engine.setDmnEngineConfiguration(new Configuration());
        }
        return engine.getDmnEngineConfiguration();
    }

    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Plugin extends AbstractProcessEnginePlugin {

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            if (!(configurationOf(configuration) instanceof Configuration)) {
                throw new IllegalStateException("Another plugin created the DMN configuration before "
                        + DecisionEvaluation.class.getName() + "; take it from DecisionEvaluation.configurationOf");
            }
        }
    }

    /** The default configuration, building {@link Engine} and, unless legacy FEEL is asked for, {@link ParsedFeel}. */
    static final class Configuration extends DefaultDmnEngineConfiguration {

        Configuration() {
            feelEngineFactory(this::feelEngine);
        }

        private FeelEngine feelEngine() {
            return isEnableFeelLegacyBehavior() ? new FeelEngineFactoryImpl().createInstance()
                    : new ParsedFeel(getFeelCustomFunctionProviders());
        }

        @Override
        public DmnEngine buildEngine() {
            init();
            return new Engine(this);
        }
    }

    static final class Engine extends DefaultDmnEngine {

        Engine(DefaultDmnEngineConfiguration configuration) {
            super(configuration);
        }

        @Override
        public DmnDecisionResult evaluateDecision(DmnDecision decision, VariableContext variables) {
            return super.evaluateDecision(decision, NamedVariables.of(decision, variables));
        }

        @Override
        public DmnDecisionTableResult evaluateDecisionTable(DmnDecision decision, VariableContext variables) {
            return super.evaluateDecisionTable(decision, NamedVariables.of(decision, variables));
        }
    }

    /**
     * A variable context limited to the names a decision's expressions contain (its own and those of the decisions it
     * requires): input expressions, input entries, output entries and literal expressions. A name is kept when it
     * occurs anywhere in that text, so a name in a comment or a string keeps a variable it need not, and no name an
     * expression can read is ever left out; FEEL has no way to read a variable whose name it does not spell out.
     * A decision of another kind, or in another expression language, sees every variable.
     */
    static final class NamedVariables implements VariableContext {

        private static final Map<DmnDecision, Names> NAMES = Collections.synchronizedMap(new WeakHashMap<>());

        private final VariableContext all;
        private final Names names;

        private NamedVariables(VariableContext all, Names names) {
            this.all = all;
            this.names = names;
        }

        static VariableContext of(DmnDecision decision, VariableContext variables) {
            if (variables == null || decision == null || variables instanceof NamedVariables) {
                return variables;
            }
            Names names = NAMES.computeIfAbsent(decision, Names::of);
            return names == null ? variables : new NamedVariables(variables, names);
        }

        @Override
        public TypedValue resolve(String name) {
            return all.resolve(name);
        }

        @Override
        public boolean containsVariable(String name) {
            return all.containsVariable(name);
        }

        @Override
        public Set<String> keySet() {
            return all.keySet().stream().filter(names::mentions).collect(Collectors.toSet());
        }
    }

    /** The text of a decision's expressions, and which variable names it was found to mention. */
    static final class Names {

        private static final int MAX_REMEMBERED = 10_000;

        private final String text;
        private final Map<String, Boolean> mentioned = new ConcurrentHashMap<>();

        private Names(String text) {
            this.text = text;
        }

        /** Null when the decision may read variables whose names its text does not show. */
        static Names of(DmnDecision decision) {
            StringBuilder text = new StringBuilder();
            return collect(decision, text, Collections.newSetFromMap(new java.util.IdentityHashMap<>()))
                    ? new Names(text.toString()) : null;
        }

        private static boolean collect(DmnDecision decision, StringBuilder text, Set<DmnDecision> seen) {
            if (!seen.add(decision)) {
                return true;
            }
            DmnDecisionLogic logic = decision.getDecisionLogic();
            List<DmnExpressionImpl> expressions = new java.util.ArrayList<>();
            if (logic instanceof DmnDecisionTableImpl table) {
                table.getInputs().forEach(input -> expressions.add(input.getExpression()));
                for (DmnDecisionTableRuleImpl rule : table.getRules()) {
                    expressions.addAll(rule.getConditions());
                    expressions.addAll(rule.getConclusions());
                }
            } else if (logic instanceof DmnDecisionLiteralExpressionImpl literal) {
                expressions.add(literal.getExpression());
            } else {
                return false;
            }
            for (DmnExpressionImpl expression : expressions) {
                if (expression == null || expression.getExpression() == null) {
                    continue;
                }
                String language = expression.getExpressionLanguage();
                if (language != null && !language.toLowerCase(java.util.Locale.ROOT).contains("feel")) {
                    return false;
                }
                text.append(expression.getExpression()).append('\n');
            }
            for (DmnDecision required : decision.getRequiredDecisions()) {
                if (!collect(required, text, seen)) {
                    return false;
                }
            }
            return true;
        }

        boolean mentions(String name) {
            Boolean known = mentioned.get(name);
            if (known != null) {
                return known;
            }
            boolean found = text.contains(name);
            if (mentioned.size() < MAX_REMEMBERED) {
                mentioned.put(name, found);
            }
            return found;
        }
    }

}
