package io.ticketsmith.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.safety.PiiRedactor;

import org.junit.jupiter.api.Test;

class ReplyValidatorTest {

    private static final String SIGNATURE = "Kind regards,\nThe support team\nsupport@acme.example";
    private final PiiRedactor redactor = new PiiRedactor();
    private final ReplyValidator validator = new ReplyValidator(new ReplyValidator.Rules(40, 600,
            List.of("acme.example"), List.of(new ForbiddenPhrase("refund", "Billing decides refunds", true),
                    new ForbiddenPhrase("by tomorrow", "No dates", false)), List.of(SIGNATURE)),
            text -> redactor.redact(text).counts());

    @Test
    void aNamePlaceholderInTheGreetingIsTheAddresseesAndIsFineWhenItIsPutBack() {
        var findings = check("Hi [NAME_2],\n\nthanks, the team is looking into the export problem.", Set.of("[NAME_2]"));

        assertThat(findings).isEmpty();
    }

    @Test
    void theSameNamePlaceholderElsewhereIsSomeoneElses() {
        var findings = check("Hello,\n\nyour colleague [NAME_2] asked us about the export problem as well.",
                Set.of("[NAME_2]"));

        assertThat(codes(findings)).containsExactly(ReplyValidator.OTHER_PERSON);
        assertThat(findings.get(0).blocking()).isTrue();
        assertThat(findings.get(0).message()).contains("[NAME_2]");
    }

    @Test
    void theSignaturesOwnContactDetailsAreNotTheRepliesPersonalData() {
        var findings = check("Hello,\n\nthanks, the team is looking into the export problem.\n\n" + SIGNATURE, Set.of());

        assertThat(findings).isEmpty();
    }

    @Test
    void aForbiddenPhraseMatchesWholeWordsInAnyCaseAndBlocksOrWarnsAsItsRuleSays() {
        assertThat(check("Hello,\n\nwe will REFUND the second payment to your card soon.", Set.of()))
                .extracting(ReplyFinding::code, ReplyFinding::blocking)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ReplyValidator.FORBIDDEN_PHRASE, true));
        assertThat(check("Hello,\n\nit should work again by\ntomorrow, the team says.", Set.of()))
                .extracting(ReplyFinding::code, ReplyFinding::blocking)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ReplyValidator.FORBIDDEN_PHRASE, false));
        assertThat(check("Hello,\n\nthe refunds page explains how billing handles such cases.", Set.of())).isEmpty();
    }

    @Test
    void linksToAllowedHostsAndTheirSubdomainsPassOthersBlock() {
        assertThat(check("Hello,\n\nsee https://status.acme.example/incidents/1 and https://acme.example/help.",
                Set.of())).isEmpty();
        var findings = check("Hello,\n\nsee https://acme.example.evil.test/login for the fix.", Set.of());
        assertThat(codes(findings)).containsExactly(ReplyValidator.LINK_NOT_ALLOWED);
        assertThat(findings.get(0).message()).contains("acme.example.evil.test");
    }

    @Test
    void aGapInTheSubjectIsFoundToo() {
        ProposedAction reply = ProposedAction.draftReply("[EMAIL_1]", "Re: ticket {{ticket_id}}",
                "Hello,\n\nthanks, the team is looking into the export problem.");

        assertThat(codes(validator.check(1, reply, List.of("[EMAIL_1]"), Set.of())))
                .containsExactly(ReplyValidator.TEMPLATE_GAP);
    }

    @Test
    void findingsNeverRepeatPersonalDataWrittenOut() {
        var findings = check("Hello,\n\nwe called +49 30 1234567 and wrote to dana.smith@example.org about it.",
                Set.of());

        assertThat(codes(findings)).containsExactly(ReplyValidator.PERSONAL_DATA);
        assertThat(findings.get(0).message()).doesNotContain("1234567").doesNotContain("dana")
                .contains("email").contains("phone");
    }

    private List<ReplyFinding> check(String body, Set<String> resolved) {
        return validator.check(1, ProposedAction.draftReply("[EMAIL_1]", "Your request", body), List.of("[EMAIL_1]"),
                resolved);
    }

    private static List<String> codes(List<ReplyFinding> findings) {
        return findings.stream().map(ReplyFinding::code).toList();
    }
}
