package io.ticketsmith.jira;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.confluence.ConfluencePages;
import io.ticketsmith.confluence.ConfluenceRateLimitedException;
import io.ticketsmith.confluence.ConfluenceRejectedException;
import io.ticketsmith.confluence.CreatedPage;
import io.ticketsmith.confluence.NewPage;
import io.ticketsmith.confluence.PageRenderer;
import io.ticketsmith.confluence.PageTemplate;
import io.ticketsmith.analysis.ActionType;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.safety.ActionPolicy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Carries out approved actions one after another through the {@link JiraGateway}. Each action has an
 * idempotency key derived from the request, its position and its content; an action whose key is already
 * in the {@link ActionLedger} is not sent again, so a retried job, a crash after the call, or a second
 * approval after Jira refused a later action never repeats what was done.
 *
 * <p>An action is entered as begun before Jira is called and as done after. Found begun, it may have reached Jira
 * (the write after the call failed, or the node died): assigning, moving and labelling again changes nothing, a new
 * issue is found by its label, and a comment or link, which Jira would make twice, is looked for on the issue (a
 * comment by the marker it carries) before it is sent again.
 *
 * <p>A {@code draft_reply} goes to a person by the way the request came, which the {@link ReplyDelivery} chooses: a
 * comment on the Jira issue, an e-mail, or a draft kept where no channel exists. It is entered and looked for in the
 * same way; what each channel can find of an earlier attempt is described there.
 *
 * <p>A {@code tag}, {@code set_priority} or {@code internal_note} action writes to a Zendesk ticket through
 * {@link ZendeskTickets}: the action's ticket, or the one the request came from. Tags and a priority set again change
 * nothing; an internal note carries the action's marker and is looked for on the ticket before it is posted again. A
 * {@code create_issue} for a request from Zendesk is followed by an internal note on its ticket naming the new issue.
 *
 * <p>A {@code create_page} action writes to Confluence instead: the page is found again by its label, and the remote
 * link from the issue to it is one Jira updates rather than repeats.
 */
@Service
public class ActionExecutor {

    public static final String STATUS_DONE = "DONE";
    public static final String STATUS_RECORDED = "RECORDED";
    public static final String STATUS_DRAFTED = "DRAFTED";
    public static final String STATUS_ALREADY_DONE = "ALREADY_DONE";

    /** The source of requests from the Zendesk connector, as {@code HandleRequestProcess.Sources} names it. */
    private static final String ZENDESK = "zendesk";

    private final JiraGateway jira;
    private final ActionLedger ledger;
    private final ObjectMapper objectMapper;
    private final ActionPolicy policy;
    private final ReplyDelivery replies;
    private final Optional<ConfluencePages> confluence;
    private final Optional<ZendeskTickets> zendesk;

    @Autowired
    ActionExecutor(JiraGateway jira, ActionLedger ledger, ObjectMapper objectMapper, ActionPolicy policy,
            ReplyDelivery replies, Optional<ConfluencePages> confluence, Optional<ZendeskTickets> zendesk) {
        this.jira = jira;
        this.ledger = ledger;
        this.objectMapper = objectMapper;
        this.policy = policy;
        this.replies = replies;
        this.confluence = confluence;
        this.zendesk = zendesk;
    }

    /** Without a Zendesk: Zendesk actions go back to review. */
    ActionExecutor(JiraGateway jira, ActionLedger ledger, ObjectMapper objectMapper, ActionPolicy policy,
            ReplyDelivery replies, Optional<ConfluencePages> confluence) {
        this(jira, ledger, objectMapper, policy, replies, confluence, Optional.empty());
    }

    /** Without a Confluence: {@code create_page} actions cannot be carried out. */
    ActionExecutor(JiraGateway jira, ActionLedger ledger, ObjectMapper objectMapper, ActionPolicy policy,
            ReplyDelivery replies) {
        this(jira, ledger, objectMapper, policy, replies, Optional.empty());
    }

    /** Actions of a request whose origin is unknown: replies go by e-mail. */
    public List<ActionResult> execute(String requestId, List<ProposedAction> actions) {
        return execute(requestId, actions, RequestOrigin.UNKNOWN);
    }

    /**
     * @param origin where the request came from, which decides how a reply goes
     * @throws ActionFailedException wrapping the gateway's exception, naming the action that failed
     */
    public List<ActionResult> execute(String requestId, List<ProposedAction> actions, RequestOrigin origin) {
        List<ActionResult> results = new ArrayList<>();
        for (int index = 0; index < actions.size(); index++) {
            ProposedAction action = actions.get(index);
            String actionJson = canonicalJson(action);
            String key = idempotencyKey(requestId, index, actionJson);
            Optional<ActionLedger.Entry> entered = ledger.find(key);
            if (entered.isPresent() && entered.get().done()) {
                ActionLedger.Entry done = entered.get();
                results.add(new ActionResult(index, action.type(), STATUS_ALREADY_DONE, done.issueKey(), key,
                        done.gateway(), done.issueKey() == null ? null : jira.browseUrl(done.issueKey())));
                continue;
            }
            try {
                ActionType type = ActionType.fromWireName(action.type())
                        .orElseThrow(() -> new IllegalArgumentException("Unknown action type " + action.type()));
                ProposedAction toSend = policy.forJira(action, requestId);
                if (type == ActionType.DRAFT_REPLY) {
                    results.add(reply(requestId, index, toSend, actionJson, key, entered.isPresent(), origin));
                    continue;
                }
                if (type.zendeskOnly()) {
                    results.add(onZendesk(requestId, index, toSend, actionJson, key, entered.isPresent(), origin));
                    continue;
                }
                if (entered.isPresent() && alreadyInJira(toSend, key)) {
                    ledger.record(key, requestId, index, action.type(), jira.name(), true, actionJson, toSend.issueKey());
                    results.add(new ActionResult(index, action.type(), STATUS_ALREADY_DONE, toSend.issueKey(), key,
                            jira.name(), jira.browseUrl(toSend.issueKey())));
                    continue;
                }
                ledger.begin(key, requestId, index, action.type(), jira.name(), actionJson);
                results.add(carryOut(requestId, index, toSend, actionJson, key, entered.isPresent(), origin));
            } catch (RuntimeException e) {
                throw new ActionFailedException(index, describe(action), results, e);
            }
        }
        return results;
    }

    /** @param begunBefore whether an earlier attempt entered the action in the ledger, and may have carried it out */
    private ActionResult carryOut(String requestId, int index, ProposedAction action, String actionJson, String key,
            boolean begunBefore, RequestOrigin origin) {
        ActionType type = ActionType.fromWireName(action.type())
                .orElseThrow(() -> new IllegalArgumentException("Unknown action type " + action.type()));
        if (type == ActionType.CREATE_PAGE) {
            return createPage(requestId, index, action, actionJson, key);
        }
        String issueKey = switch (type) {
            case CREATE_ISSUE -> {
                String created = jira.createIssue(new JiraGateway.NewIssue(action.project(), action.issueType(),
                        action.summary(), action.description(), action.priority(), action.labels(), action.assignee(),
                        action.parent()), idempotencyLabel(key), begunBefore).key();
                noteIssueOnZendeskTicket(requestId, created, key, origin);
                yield created;
            }
            case COMMENT -> {
                jira.addComment(action.issueKey(), action.body() + " · " + idempotencyLabel(key));
                yield action.issueKey();
            }
            case ASSIGN -> {
                jira.assign(action.issueKey(), action.assignee());
                jira.recordTrace(action.issueKey(), requestId, action.type());
                yield action.issueKey();
            }
            case TRANSITION -> {
                jira.transition(action.issueKey(), action.toStatus());
                jira.recordTrace(action.issueKey(), requestId, action.type());
                yield action.issueKey();
            }
            case ADD_LABELS -> {
                jira.addLabels(action.issueKey(), action.labels());
                jira.recordTrace(action.issueKey(), requestId, action.type());
                yield action.issueKey();
            }
            case LINK_ISSUE -> {
                jira.linkIssues(action.issueKey(), action.linkedIssueKey(), action.linkType());
                yield action.issueKey();
            }
            case CREATE_PAGE -> throw new IllegalStateException("A page is created by createPage, before this switch");
            case DRAFT_REPLY -> throw new IllegalStateException("A reply is delivered by its own channel");
            case TAG, SET_PRIORITY, INTERNAL_NOTE -> throw new IllegalStateException("Zendesk actions go by onZendesk");
        };
        boolean sent = jira.sendsToJira();
        String gateway = jira.name();
        ledger.record(key, requestId, index, action.type(), gateway, sent, actionJson, issueKey);
        String status = sent ? STATUS_DONE : STATUS_RECORDED;
        return new ActionResult(index, action.type(), status, issueKey, key, gateway,
                issueKey == null ? null : jira.browseUrl(issueKey));
    }

    /**
     * Creates the page (or finds the one created for this action before), then links it from the issue it is about.
     * Confluence refusing the page, or asking to wait, is the same business outcome as Jira doing so, and reaches
     * the process as Jira's exceptions: the request goes back to review with Confluence's words, or waits on the
     * rate-limit timer. Anything else Confluence fails with is technical (retried, then an incident).
     */
    private ActionResult createPage(String requestId, int index, ProposedAction action, String actionJson,
            String key) {
        ConfluencePages pages = confluence.orElseThrow(() -> new IllegalStateException(
                "Confluence is not configured (ticketsmith.knowledge.confluence.base-url), so no page can be created"));
        PageTemplate template = PageTemplate.named(action.template()).orElseThrow(() -> new JiraRejectedException(
                400, "No page template " + action.template() + "; use one of " + PageTemplate.names()));
        String issueKey = action.issueKey() == null || action.issueKey().isBlank() ? null : action.issueKey().trim();
        String issueUrl = issueKey == null ? null : jira.browseUrl(issueKey);
        String storage = PageRenderer.storage(template, action.body(), issueKey, issueUrl, requestId);
        CreatedPage page;
        try {
            page = pages.create(new NewPage(action.space(), action.parent(), action.summary(), storage),
                    idempotencyLabel(key));
        } catch (ConfluenceRejectedException e) {
            throw new JiraRejectedException(e.status(), e.getMessage());
        } catch (ConfluenceRateLimitedException e) {
            throw new JiraRateLimitedException(e.retryAfter(), e.getMessage());
        }
        if (issueKey != null) {
            jira.addRemoteLink(issueKey, "confluence-page:" + page.id(), page.url(), page.title());
        }
        ledger.record(key, requestId, index, action.type(), pages.name(), true, actionJson, issueKey);
        return ActionResult.page(index, action.type(), STATUS_DONE, issueKey, key, pages.name(), issueUrl, page.url());
    }

    /**
     * A reply, by the channel its route names. The route is chosen and checked before the ledger hears of it, so a
     * reply refused for its address leaves no begun entry behind.
     */
    private ActionResult reply(String requestId, int index, ProposedAction action, String actionJson, String key,
            boolean begun, RequestOrigin origin) {
        ReplyDelivery.Route route = replies.route(action, origin);
        ReplyDelivery.Reply reply = new ReplyDelivery.Reply(requestId, action, key, idempotencyLabel(key));
        String issueKey = route.issueKey();
        String url = issueKey == null ? null : jira.browseUrl(issueKey);
        if (begun && route.foundDelivered(reply)) {
            ledger.record(key, requestId, index, action.type(), route.gateway(), true, actionJson, issueKey);
            return new ActionResult(index, action.type(), STATUS_ALREADY_DONE, issueKey, key, route.gateway(), url);
        }
        ledger.begin(key, requestId, index, action.type(), route.gateway(), actionJson);
        ReplyDelivery.Delivered delivered = route.deliver(reply);
        ledger.record(key, requestId, index, action.type(), route.gateway(), delivered.sent(), actionJson, issueKey);
        return ActionResult.reply(index, action.type(), delivered.status(), issueKey, key, route.gateway(), url,
                delivered.detail());
    }

    /**
     * A write to a Zendesk ticket. Zendesk refusing it (content, brand or group, a ticket an agent keeps changing) is an
     * {@link ActionRejectedException}; asking to wait, a {@link JiraRateLimitedException}.
     */
    private ActionResult onZendesk(String requestId, int index, ProposedAction action, String actionJson, String key,
            boolean begun, RequestOrigin origin) {
        ZendeskTickets tickets = zendesk.orElseThrow(() -> new ActionRejectedException("Zendesk is not configured "
                + "(ticketsmith.zendesk.enabled), so " + action.type() + " cannot be carried out; remove the action"));
        String ticketId = zendeskTicket(action, origin);
        String marker = idempotencyLabel(key);
        String url = tickets.ticketUrl(ticketId);
        boolean note = ActionType.INTERNAL_NOTE.wireName().equals(action.type());
        if (begun && note && tickets.sendsToZendesk() && tickets.hasInternalNote(ticketId, marker)) {
            ledger.record(key, requestId, index, action.type(), tickets.name(), true, actionJson, null);
            return new ActionResult(index, action.type(), STATUS_ALREADY_DONE, null, key, tickets.name(), url);
        }
        ledger.begin(key, requestId, index, action.type(), tickets.name(), actionJson);
        switch (ActionType.fromWireName(action.type()).orElseThrow()) {
            case TAG -> tickets.addTags(ticketId, action.labels());
            case SET_PRIORITY -> tickets.setPriority(ticketId, action.priority());
            case INTERNAL_NOTE -> tickets.addInternalNote(ticketId, action.body() + "\n\n—\nTicketsmith request "
                    + requestId + " · " + marker);
            default -> throw new IllegalStateException(action.type() + " is no Zendesk action");
        }
        boolean sent = tickets.sendsToZendesk();
        ledger.record(key, requestId, index, action.type(), tickets.name(), sent, actionJson, null);
        return new ActionResult(index, action.type(), sent ? STATUS_DONE : STATUS_RECORDED, null, key, tickets.name(),
                url);
    }

    /** The action's own ticket, or the one the request came from. */
    private static String zendeskTicket(ProposedAction action, RequestOrigin origin) {
        if (action.ticketId() != null && !action.ticketId().isBlank()) {
            return action.ticketId().trim();
        }
        if (ZENDESK.equals(origin.source()) && origin.externalId() != null && !origin.externalId().isBlank()) {
            return origin.externalId().trim();
        }
        throw new ActionRejectedException(action.type() + " needs a Zendesk ticket: the request did not come from "
                + "Zendesk and the action names no ticketId");
    }

    /**
     * After an issue was created for a request from Zendesk, its ticket gets an internal note naming the issue, once:
     * the note carries the action's marker and is looked for first.
     */
    private void noteIssueOnZendeskTicket(String requestId, String issueKey, String key, RequestOrigin origin) {
        if (issueKey == null || !ZENDESK.equals(origin.source()) || origin.externalId() == null || zendesk.isEmpty()) {
            return;
        }
        ZendeskTickets tickets = zendesk.get();
        String marker = idempotencyLabel(key);
        if (tickets.sendsToZendesk() && tickets.hasInternalNote(origin.externalId(), marker)) {
            return;
        }
        String url = jira.browseUrl(issueKey);
        tickets.addInternalNote(origin.externalId(), "Jira issue " + issueKey + " was created for this ticket"
                + (url == null ? "" : ": " + url) + "\n\n—\nTicketsmith request " + requestId + " · " + marker);
    }

    /**
     * A comment or link begun earlier that Jira already shows: a comment found by the marker every comment carries,
     * a link by its ends and type.
     */
    private boolean alreadyInJira(ProposedAction action, String key) {
        if (!jira.sendsToJira()) {
            return false;
        }
        if (ActionType.COMMENT.wireName().equals(action.type())) {
            return jira.hasComment(action.issueKey(), idempotencyLabel(key));
        }
        // Jira would show a second, identical link.
        return ActionType.LINK_ISSUE.wireName().equals(action.type())
                && jira.hasLink(action.issueKey(), action.linkedIssueKey(), action.linkType());
    }

    /**
     * The label that marks an issue as created for this action, so a repeated create finds it in Jira; and the
     * marker at the end of a comment's trace line, so a repeated comment is found on the issue.
     */
    static String idempotencyLabel(String idempotencyKey) {
        return "ts-" + idempotencyKey.substring(0, 16);
    }

    static String idempotencyKey(String requestId, int index, String actionJson) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(requestId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(Integer.toString(index).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(actionJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private String canonicalJson(ProposedAction action) {
        try {
            return objectMapper.writeValueAsString(action);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Action cannot be written as JSON", e);
        }
    }

    private static String describe(ProposedAction action) {
        String target = action.issueKey() != null ? action.issueKey() : action.project();
        return target == null ? action.type() : action.type() + " " + target;
    }
}
