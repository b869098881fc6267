package io.ticketsmith.reply;

import java.util.ArrayList;
import java.util.List;

import io.ticketsmith.analysis.ActionType;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.llm.LlmAvailability;
import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.llm.ReplyWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Writes the text of each {@code draft_reply} an analysis proposed: the analysis says what the reply is to say, the
 * reply prompt writes it in the request's tone and language, and the signature for that language goes under it.
 * A reply the LLM cannot write now keeps the analysis's own text (signed): the request goes on to review either way,
 * and the reviewer is told.
 */
@Service
public class ReplyDrafting {

    private static final Logger log = LoggerFactory.getLogger(ReplyDrafting.class);

    private final ReplyWriter writer;
    private final LlmAvailability availability;
    private final ReplyProperties properties;

    ReplyDrafting(ReplyWriter writer, LlmAvailability availability, ReplyProperties properties) {
        this.writer = writer;
        this.availability = availability;
        this.properties = properties;
    }

    /**
     * @param requestText the redacted request
     * @param source      where the request came from, for the default tone
     * @param requestTone the request's own {@code replyTone}, or null
     * @param model       the model to ask instead of the configured one, or null
     * @return the actions with each reply's text written; the others unchanged
     */
    public Drafts draft(String requestId, String requestText, String source, String requestTone, String model,
            List<ProposedAction> actions) {
        if (actions == null || actions.stream().noneMatch(ReplyDrafting::isReply)) {
            return new Drafts(actions == null ? List.of() : actions, List.of(), List.of());
        }
        ReplyTone tone = properties.toneFor(requestTone, source);
        TicketLanguage.Language language = TicketLanguage.of(requestText);
        String signature = properties.signatureFor(language.code());
        List<ProposedAction> drafted = new ArrayList<>();
        List<LlmCall> calls = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int index = 0; index < actions.size(); index++) {
            ProposedAction action = actions.get(index);
            if (!isReply(action)) {
                drafted.add(action);
                continue;
            }
            String text = action.body();
            if (writer.isEnabled()) {
                ReplyWriter.Brief brief = new ReplyWriter.Brief(requestText, action.subject(), action.body(),
                        tone.instruction(), language.name());
                try {
                    ReplyWriter.WrittenReply written = availability.call(() -> writer.write(brief, model));
                    calls.add(written.call());
                    text = written.text();
                } catch (RuntimeException e) {
                    // Whatever went wrong with the reply, the paid analysis must still complete the task.
                    log.warn("Request {}: reply {} could not be written by the reply prompt, the analysis's text "
                            + "stays: {}", requestId, index + 1, e.getMessage());
                    notes.add("Reply " + (index + 1) + " is the analysis's short text: the reply prompt could not be "
                            + "used (" + e.getMessage() + ")");
                }
            }
            drafted.add(withBody(action, signed(text, signature)));
        }
        return new Drafts(drafted, calls, notes);
    }

    static boolean isReply(ProposedAction action) {
        return ActionType.DRAFT_REPLY.wireName().equals(action.type());
    }

    private static String signed(String text, String signature) {
        String body = text == null ? "" : text.strip();
        return signature.isBlank() || body.endsWith(signature.strip()) ? body : body + "\n\n" + signature.strip();
    }

    private static ProposedAction withBody(ProposedAction action, String body) {
        return new ProposedAction(action.type(), action.project(), action.issueType(), action.issueKey(),
                action.summary(), action.description(), action.priority(), action.labels(), action.assignee(),
                action.parent(), action.toStatus(), body, action.to(), action.subject(), action.linkedIssueKey(),
                action.linkType(), action.space(), action.template(), action.ticketId());
    }

    /**
     * @param actions the actions with the replies written
     * @param calls   one per reply the LLM wrote, for the budget
     * @param notes   for the reviewer: replies the LLM could not write
     */
    public record Drafts(List<ProposedAction> actions, List<LlmCall> calls, List<String> notes) {

        public Drafts {
            actions = List.copyOf(actions);
            calls = List.copyOf(calls);
            notes = List.copyOf(notes);
        }
    }
}
