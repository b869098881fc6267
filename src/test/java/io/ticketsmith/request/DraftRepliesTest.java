package io.ticketsmith.request;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.request.HandleRequestProcess.Elements;
import io.ticketsmith.security.TicketsmithGroups;
import io.ticketsmith.support.OpenAiProcessTest;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reply the analysis proposes is written by the reply prompt, in the request's tone and language and signed, checked
 * before the reviewer sees it, and cannot be approved while the check blocks it. The provider is faked at the HTTP
 * level: the analysis and the reply are two calls to the same chat-completions endpoint, told apart by their prompts.
 */
class DraftRepliesTest extends OpenAiProcessTest {

    private static final String REPLY_PROMPT = "You write replies to support requests";
    private static final String GERMAN_REQUEST = "Hallo, mir wurde die Rechnung für November zweimal abgebucht. Bitte "
            + "prüfen Sie das, ich bin wirklich verärgert. Viele Grüße, Dana";


    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired ObjectMapper objectMapper;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void analysisProposesAReply() {
        init(engine);
        Analysis reply = new Analysis("draft_reply", "Customer was charged twice for November", "question", "medium",
                "negative", Analysis.Confidence.all(0.95), "A billing question that needs an answer to the customer.",
                List.of(ProposedAction.draftReply("[EMAIL_1]", "Ihre Rechnung für November",
                        "Say that billing checks the double charge and answers directly.")));
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(notContaining(REPLY_PROMPT))
                .willReturn(OpenAiStub.answer(AnalysisFixtures.json(reply))));
    }

    @Test
    void aProposedReplyIsWrittenByTheReplyPromptInTheRequestsToneAndLanguageAndSigned() throws Exception {
        replyPromptAnswers("Guten Tag,\n\nvielen Dank für Ihre Nachricht. Wir haben die doppelte Abbuchung an unsere "
                + "Buchhaltung weitergegeben, die sich direkt bei Ihnen meldet.");

        ProcessInstance request = submit(GERMAN_REQUEST, "formal");
        AnalysisTasks.analyze(engine, worker, request);

        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        JsonNode reply = json(runtimeService.getVariable(request.getId(), "actions")).get(0);
        assertThat(reply.path("body").asText()).isEqualTo("Guten Tag,\n\nvielen Dank für Ihre Nachricht. Wir haben die "
                + "doppelte Abbuchung an unsere Buchhaltung weitergegeben, die sich direkt bei Ihnen meldet."
                + "\n\nViele Grüße\nIhr Support-Team");
        assertThat(reply.path("subject").asText()).isEqualTo("Ihre Rechnung für November");

        JsonNode sent = replyPromptRequest();
        String system = sent.path("messages").get(0).path("content").asText();
        String user = sent.path("messages").get(1).path("content").asText();
        assertThat(system).contains("Language: German.").contains("Tone: formal:");
        assertThat(user).contains("<request>").contains("zweimal abgebucht")
                .contains("Say that billing checks the double charge").doesNotContain("Dana");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(sent.has("response_format")).as("a reply is text, not JSON").isFalse();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ts_llm_usage WHERE request_id = ?", Integer.class,
                request.getBusinessKey())).as("the analysis and the reply are both paid for").isEqualTo(2);
        assertThat(taskService.getVariableLocal(review(request).getId(), "replyFindings")).isEqualTo("");
    }

    @Test
    void withoutAToneOfItsOwnARequestGetsItsSourcesDefault() throws Exception {
        replyPromptAnswers("Thanks for telling us. Billing is looking at the double charge and will answer you here.");

        ProcessInstance request = submit("I was charged twice for November, please check this.", null);
        AnalysisTasks.analyze(engine, worker, request);

        String system = replyPromptRequest().path("messages").get(0).path("content").asText();
        assertThat(system).contains("Language: English.").contains("Tone: friendly:");
        assertThat(json(runtimeService.getVariable(request.getId(), "actions")).get(0).path("body").asText())
                .endsWith("\n\nKind regards,\nThe support team");
    }

    @Test
    void whenTheReplyPromptFailsTheAnalysisTextStaysAndTheReviewerIsToldWhy() {
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing(REPLY_PROMPT))
                .willReturn(OpenAiStub.serverError()));

        ProcessInstance request = submit("I was charged twice for November, please check this.", null);
        AnalysisTasks.analyze(engine, worker, request);

        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(json(runtimeService.getVariable(request.getId(), "actions")).get(0).path("body").asText())
                .isEqualTo("Say that billing checks the double charge and answers directly."
                        + "\n\nKind regards,\nThe support team");
        assertThat(String.valueOf(taskService.getVariableLocal(review(request).getId(), "replyFindings")))
                .startsWith("Reply 1 is the analysis's short text: the reply prompt could not be used");
    }

    @Test
    void aReplyWithAGapOrAForbiddenPromiseIsShownWithItsFindingsAndCannotBeApprovedUntilMended() throws Exception {
        replyPromptAnswers("Dear [Customer Name],\n\nsorry for the trouble. We will refund the second payment.");

        ProcessInstance request = submit("I was charged twice for November, please check this.", null);
        AnalysisTasks.analyze(engine, worker, request);

        Task review = review(request);
        assertThat(String.valueOf(taskService.getVariableLocal(review.getId(), "replyFindings")))
                .contains("Reply 1: a gap is left to fill in: [Customer Name] (must be fixed before it is sent)")
                .contains("Reply 1: it says \"refund\": Refunds are decided by billing");
        asReviewer(() -> {
            taskService.claim(review.getId(), "reviewer");
            assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("reviewDecision", "approve")))
                    .hasMessageContaining("The reply cannot be sent as it is")
                    .hasMessageContaining("[Customer Name]")
                    .as("the reply rules are read whoever completes the task").hasMessageContaining("it says \"refund\"");
        });
        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);

        ProposedAction mended = ProposedAction.draftReply("[EMAIL_1]", "Your invoice for November",
                "Hello,\n\nsorry for the trouble. Our billing team is checking the second payment and will answer "
                        + "you directly.\n\nKind regards,\nThe support team");
        Object actions = org.camunda.spin.plugin.variable.SpinValues.jsonValue(
                objectMapper.writeValueAsString(List.of(mended))).create();
        asReviewer(() -> taskService.complete(review.getId(), Map.of("reviewDecision", "approve", "actions", actions)));

        assertThat(request).isWaitingAt(Elements.EXECUTE_ACTIONS);
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().decisionDefinitionKey("reply-rules")
                .count()).as("checking replies writes no decision history").isZero();
    }

    private void asReviewer(Runnable work) {
        engine.getIdentityService().setAuthentication("reviewer", List.of(TicketsmithGroups.REVIEWERS));
        try {
            work.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void replyPromptAnswers(String text) {
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing(REPLY_PROMPT))
                .willReturn(OpenAiStub.answer(text)));
    }

    private JsonNode replyPromptRequest() throws Exception {
        var requests = openAi.findAll(postRequestedFor(urlEqualTo(OpenAiStub.PATH))
                .withRequestBody(containing(REPLY_PROMPT)));
        assertThat(requests).as("calls of the reply prompt").isNotEmpty();
        return objectMapper.readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    private ProcessInstance submit(String text, String tone) {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("requestText", text, "source", "api",
                "reporter", "dana@example.com"));
        if (tone != null) {
            variables.put("replyTone", tone);
        }
        return runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY, UUID.randomUUID().toString(),
                variables);
    }

    private Task review(ProcessInstance request) {
        return taskService.createTaskQuery().processInstanceId(request.getId()).singleResult();
    }

    private JsonNode json(Object value) {
        try {
            return objectMapper.readTree(String.valueOf(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
