package io.ticketsmith.zendesk;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A ticket as Zendesk gives it, as far as triage needs it.
 *
 * @param updatedAt the ticket's {@code updated_at}, sent back as {@code updated_stamp} so that a write fails with
 *                  409 when an agent changed the ticket after it was read
 */
public record ZendeskTicket(String id, String subject, String description, List<String> tags, String priority,
        String status, Long brandId, Long groupId, Long requesterId, String updatedAt) {

    public ZendeskTicket {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static ZendeskTicket of(JsonNode ticket) {
        List<String> tags = new ArrayList<>();
        ticket.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new ZendeskTicket(text(ticket.path("id")), text(ticket.path("subject")),
                text(ticket.path("description")), tags, text(ticket.path("priority")), text(ticket.path("status")),
                number(ticket.path("brand_id")), number(ticket.path("group_id")), number(ticket.path("requester_id")),
                text(ticket.path("updated_at")));
    }

    public boolean taggedWith(String tag) {
        return tags.contains(tag);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Long number(JsonNode node) {
        return node.canConvertToLong() ? node.asLong() : null;
    }
}
