package io.ticketsmith.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.ticketsmith.request.HandleRequestProcess.Variables;

import org.springframework.stereotype.Service;

/** Builds the API's view of a request from its row and its process variables (current or historic). */
@Service
class RequestViews {

    private final RequestRegistry registry;
    private final RequestHistory history;

    RequestViews(RequestRegistry registry, RequestHistory history) {
        this.registry = registry;
        this.history = history;
    }

    RequestView view(String id) {
        return view(registry.findById(id).orElseThrow(() -> new IntakeExceptions.UnknownRequest(id)));
    }

    RequestView summary(RequestRegistry.RequestRecord record) {
        return new RequestView(record.id(), record.externalId(), record.source(), record.reporter(),
                record.processInstanceId(), record.status(), record.createdAt(), record.updatedAt(), null, null, null,
                null, null, null, statusUrl(record.id()));
    }

    RequestView view(RequestRegistry.RequestRecord record) {
        Map<String, Object> variables = history.variables(record.processInstanceId());
        RequestView.Guardrails guardrails = variables.containsKey(Variables.ROUTE.name())
                ? new RequestView.Guardrails(string(variables, Variables.ROUTE.name()),
                        string(variables, Variables.GUARDRAIL_REASON.name()),
                        string(variables, Variables.REVIEWER_GROUP.name()), string(variables, Variables.REVIEW_DUE.name()),
                        guardrailsVersion(variables), matchedGuardrailRules(variables))
                : null;
        RequestView.Review review = variables.containsKey(Variables.REVIEW_DECISION.name())
                ? new RequestView.Review(string(variables, Variables.REVIEW_DECISION.name()),
                        string(variables, Variables.REVIEW_COMMENT.name()),
                        string(variables, Variables.REVIEWED_BY.name()),
                        variables.get(Variables.REVIEWED_AT.name()) instanceof java.util.Date at ? at.toInstant() : null,
                        history.json(variables.get(Variables.REVIEW_CHANGES)))
                : null;
        return new RequestView(record.id(), record.externalId(), record.source(), record.reporter(),
                record.processInstanceId(), record.status(), record.createdAt(), record.updatedAt(),
                string(variables, Variables.ANALYSIS_SOURCE.name()), history.json(variables.get(Variables.ANALYSIS)), guardrails,
                review, history.json(variables.get(Variables.ACTIONS)), history.json(variables.get(Variables.ACTION_RESULTS)),
                statusUrl(record.id()));
    }

    static String statusUrl(String id) {
        return "/api/requests/" + id;
    }

    private JsonNode guardrailsEntry(Map<String, Object> variables) {
        JsonNode audit = history.json(variables.get(Variables.DECISION_AUDIT));
        JsonNode found = null;
        if (audit != null) {
            for (JsonNode entry : audit) {
                if ("guardrails".equals(entry.path("decision").asText())) {
                    found = entry;
                }
            }
        }
        return found;
    }

    private Integer guardrailsVersion(Map<String, Object> variables) {
        JsonNode entry = guardrailsEntry(variables);
        return entry == null || !entry.has("version") ? null : entry.get("version").asInt();
    }

    private List<String> matchedGuardrailRules(Map<String, Object> variables) {
        JsonNode entry = guardrailsEntry(variables);
        List<String> rules = new ArrayList<>();
        if (entry != null) {
            entry.path("matchedRules").forEach(rule -> rules.add(rule.asText()));
        }
        return rules;
    }

    private static String string(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }
}
