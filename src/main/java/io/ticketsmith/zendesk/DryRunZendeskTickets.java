package io.ticketsmith.zendesk;

import java.util.ArrayList;
import java.util.List;

import io.ticketsmith.jira.ZendeskTickets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ticketsmith.zendesk.dry-run}: writes nothing to Zendesk and logs what it would have written (lengths, not
 * text). The {@code ActionExecutor} keeps each write in the action ledger as recorded, not sent; the writes of this
 * run are also kept here, for whoever wants to see them before turning the dry run off.
 */
public class DryRunZendeskTickets implements ZendeskTickets {

    private static final Logger log = LoggerFactory.getLogger(DryRunZendeskTickets.class);

    /** One write that was not made. */
    public record Write(String ticketId, String what) {
    }

    private final String baseUrl;
    private final List<Write> writes = new ArrayList<>();

    public DryRunZendeskTickets(String baseUrl) {
        this.baseUrl = baseUrl == null ? "" : baseUrl.trim().replaceAll("/+$", "");
    }

    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    @Override
    public String name() {
        return "zendesk-dry-run";
    }

    @Override
    public boolean sendsToZendesk() {
        return false;
    }

    @Override
    public String ticketUrl(String ticketId) {
        return baseUrl.isEmpty() ? null : baseUrl + "/agent/tickets/" + ZendeskClient.checkedId(ticketId);
    }

    @Override
    public void addTags(String ticketId, List<String> tags) {
        record(ticketId, "add tags " + tags);
    }

    @Override
    public void setPriority(String ticketId, String priority) {
        record(ticketId, "set priority " + priority);
    }

    @Override
    public void addInternalNote(String ticketId, String body) {
        record(ticketId, "add an internal note (" + body.length() + " characters)");
    }

    @Override
    public void addPublicReply(String ticketId, String body) {
        record(ticketId, "add a public reply (" + body.length() + " characters)");
    }

    @Override
    public boolean hasInternalNote(String ticketId, String marker) {
        return false;
    }

    @Override
    public boolean hasPublicReply(String ticketId, String body) {
        return false;
    }

    private synchronized void record(String ticketId, String what) {
        String id = ZendeskClient.checkedId(ticketId);
        writes.add(new Write(id, what));
        log.info("Dry run: would {} on Zendesk ticket {}", what, id);
    }
}
