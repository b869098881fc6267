package io.ticketsmith.audit;

import org.springframework.stereotype.Service;

/** The API's view of a request: its row, and a projection of its {@link DecisionRecord}. */
@Service
public class RequestViews {

    private final RequestRegistry registry;
    private final DecisionRecords records;

    RequestViews(RequestRegistry registry, DecisionRecords records) {
        this.registry = registry;
        this.records = records;
    }

    RequestView view(String id) {
        return view(registry.findById(id).orElseThrow(() -> new AuditExceptions.UnknownRequest(id)));
    }

    RequestView summary(RequestRegistry.RequestRecord row) {
        return new RequestView(row.id(), row.externalId(), row.source(), row.reporter(), row.processInstanceId(),
                row.status(), row.createdAt(), row.updatedAt(), null, null, null, null, null, null, null, statusUrl(row.id()));
    }

    public RequestView view(RequestRegistry.RequestRecord row) {
        DecisionRecord record = records.fromHistory(row);
        return new RequestView(row.id(), row.externalId(), row.source(), row.reporter(), row.processInstanceId(),
                row.status(), row.createdAt(), row.updatedAt(), record.analysis().source(), record.analysis().result(),
                record.guardrails().route() == null ? null : record.guardrails(),
                RequestView.Review.of(record.lastReview()), record.actions(), record.jira().results(),
                record.input().similar(), statusUrl(row.id()));
    }

    public static String statusUrl(String id) {
        return "/api/requests/" + id;
    }
}
