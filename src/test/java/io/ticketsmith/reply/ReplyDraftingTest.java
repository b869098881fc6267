package io.ticketsmith.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.llm.LlmAvailability;
import io.ticketsmith.llm.ReplyWriter;

import org.junit.jupiter.api.Test;

class ReplyDraftingTest {

    private final ReplyWriter writer = mock(ReplyWriter.class);
    private final LlmAvailability availability = mock(LlmAvailability.class);
    private final ReplyDrafting drafting = new ReplyDrafting(writer, availability,
            new ReplyProperties(ReplyTone.FRIENDLY, Map.of(), Map.of("en", "Regards,\\nSupport"), 40, 2500));

    @Test
    @SuppressWarnings("unchecked")
    void aReplyTheWriterFailsOnInAnyWayKeepsTheAnalysisTextSignedAndSaysWhy() {
        when(writer.isEnabled()).thenReturn(true);
        when(availability.call(any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(0)).get());
        when(writer.write(any(), any())).thenThrow(new IllegalArgumentException("unexpected answer shape"));
        List<ProposedAction> actions = List.of(ProposedAction.comment("WEB-1", "Noted."),
                ProposedAction.draftReply("[EMAIL_1]", "Your invoice", "Say that billing checks it."));

        ReplyDrafting.Drafts drafts = drafting.draft("REQ-1", "The invoice is wrong", "api", null, null, actions);

        assertThat(drafts.actions().get(0)).isEqualTo(actions.get(0));
        assertThat(drafts.actions().get(1).body()).isEqualTo("Say that billing checks it.\n\nRegards,\nSupport");
        assertThat(drafts.calls()).isEmpty();
        assertThat(drafts.notes()).singleElement().asString()
                .startsWith("Reply 2 is the analysis's short text: the reply prompt could not be used");
    }
}
