package io.ticketsmith.models;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The names that the decision tables in {@code dmn/} and the Java share: each table's decision key, the inputs the
 * Java provides, the outputs it reads and the output values it acts on. Process owners edit the tables in the Modeler;
 * {@code DecisionTablesTest} checks every name here against the files, so a renamed column fails the build instead of
 * a request.
 */
public final class DecisionTables {

    private DecisionTables() {
    }

    /** An input column, named by the variable its expression reads. */
    public record Input(String name) {
    }

    /** An output column, named as it appears in the decision's result. */
    public record Output(String name) {

        /** This output's value in one evaluated rule's result; null when the result or the value is missing. */
        public String from(Map<String, ?> result) {
            Object value = result == null ? null : result.get(name);
            return value == null ? null : value.toString();
        }
    }

    /** A value of an output that the Java acts on; the table may give no other. */
    public interface OutputValue {

        /** The value as the table writes it. */
        String value();

        /** The output column that gives this value. */
        Output output();
    }

    /** {@code dmn/budget.dmn}: which analysis a request gets, given today's LLM spend. */
    public static final class Budget {
        public static final String FILE = "budget.dmn";
        public static final String KEY = "budget";

        public static final Input BUDGET_USED_RATIO = new Input("budgetUsedRatio");
        public static final Input HOURLY_TOKEN_CAP_REACHED = new Input("hourlyTokenCapReached");
        public static final Input CHEAPER_MODEL_CONFIGURED = new Input("cheaperModelConfigured");

        /** Values: {@link LlmMode}. */
        public static final Output LLM_MODE = new Output("llmMode");
        public static final Output REASON = new Output("reason");

        private Budget() {
        }
    }

    /** Values of {@link Budget#LLM_MODE}. */
    public enum LlmMode implements OutputValue {
        /** The configured model. */
        NORMAL("normal"),
        /** {@code ticketsmith.budget.cheaper-model}. */
        CHEAPER("cheaper"),
        /** No LLM: the keyword rules of {@code dmn/fallback-analysis.dmn}. */
        FALLBACK("fallback");

        private final String value;

        LlmMode(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public Output output() {
            return Budget.LLM_MODE;
        }

        public static Optional<LlmMode> of(String value) {
            return Arrays.stream(values()).filter(mode -> mode.value.equals(value)).findFirst();
        }
    }

    /** {@code dmn/priority.dmn}: the Jira priority of one proposed new issue. */
    public static final class Priority {
        public static final String FILE = "priority.dmn";
        public static final String KEY = "priority";

        public static final Input REQUESTED_PRIORITY = new Input("requestedPriority");
        public static final Input URGENCY = new Input("urgency");
        public static final Input ISSUE_TYPE = new Input("issueType");

        public static final Output PRIORITY = new Output("priority");

        private Priority() {
        }
    }

    /** {@code dmn/guardrails.dmn}: whether the proposed actions run automatically, go to review or are refused. */
    public static final class Guardrails {
        public static final String FILE = "guardrails.dmn";
        public static final String KEY = "guardrails";

        public static final Input ACTION_ASSIGNEES = new Input("actionAssignees");
        public static final Input URGENCY = new Input("urgency");
        public static final Input SENTIMENT = new Input("sentiment");
        public static final Input ANALYSIS_SOURCE = new Input("analysisSource");
        public static final Input MIN_CONFIDENCE = new Input("minConfidence");
        public static final Input TRANSITION_TARGETS = new Input("transitionTargets");
        public static final Input ACTION_TYPES = new Input("actionTypes");
        /** Whether the actions touch at least one project and only projects of {@code ticketsmith.safety.allowed-projects}. */
        public static final Input ACTIONS_IN_ALLOWED_PROJECTS = new Input("actionsInAllowedProjects");
        public static final Input INJECTION_SCORE = new Input("injectionScore");
        /** The best similarity of a known Jira issue or an earlier request with an issue, 0 when none was found. */
        public static final Input DUPLICATE_SCORE = new Input("duplicateScore");
        /** The ticket system the request came from: {@link #TICKET_SYSTEMS}. */
        public static final Input TICKET_SYSTEM = new Input("ticketSystem");

        /** Values of {@link #TICKET_SYSTEM}: a request from another source is {@code none}. */
        public static final java.util.List<String> TICKET_SYSTEMS = java.util.List.of("jira", "zendesk", "none");

        /** Values: {@link Route}. */
        public static final Output ROUTE = new Output("route");
        public static final Output REASON = new Output("reason");
        public static final Output REVIEWER_GROUP = new Output("reviewerGroup");
        /** An ISO-8601 duration. */
        public static final Output REVIEW_DUE = new Output("reviewDue");

        /** The groups the table offers reviews to ({@link #REVIEWER_GROUP}), and the one a review goes to when it names none. */
        public static final String REVIEWERS = "reviewers";
        public static final String LEADS = "leads";
        /** How long a review may wait when the table gives no due time. */
        public static final String DEFAULT_REVIEW_DUE = "PT4H";

        private Guardrails() {
        }
    }

    /** Values of {@link Guardrails#ROUTE}. */
    public enum Route implements OutputValue {
        /** The actions run without a person. */
        AUTO,
        /** A person reviews the actions first. */
        REVIEW,
        /** Nothing runs; the request ends as refused. */
        REJECT;

        @Override
        public String value() {
            return name();
        }

        @Override
        public Output output() {
            return Guardrails.ROUTE;
        }

        public static Optional<Route> of(String value) {
            return Arrays.stream(values()).filter(route -> route.name().equals(value)).findFirst();
        }
    }

    /** {@code dmn/fallback-analysis.dmn}: the keyword rules that analyse a request when no LLM does. */
    public static final class FallbackAnalysis {
        public static final String FILE = "fallback-analysis.dmn";
        public static final String CATEGORY_KEY = "fallbackCategory";
        public static final String URGENCY_KEY = "fallbackUrgency";
        public static final String SENTIMENT_KEY = "fallbackSentiment";

        /** The request text; each table compares it in lower case. */
        public static final Input TEXT = new Input("text");

        public static final Output CATEGORY = new Output("category");
        public static final Output URGENCY = new Output("urgency");
        public static final Output SENTIMENT = new Output("sentiment");

        private FallbackAnalysis() {
        }
    }

    /** {@code dmn/reply-rules.dmn}: phrases replies to requesters must not contain (hit policy COLLECT). */
    public static final class ReplyRules {
        public static final String FILE = "reply-rules.dmn";
        public static final String KEY = "reply-rules";

        /** The request's source, so a rule may hold for one channel only. */
        public static final Input SOURCE = new Input("source");

        public static final Output PHRASE = new Output("phrase");
        public static final Output REASON = new Output("reason");
        /** true: the reply cannot be sent with the phrase; false: the reviewer is warned. */
        public static final Output BLOCK = new Output("block");

        private ReplyRules() {
        }
    }
}
