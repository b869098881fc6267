package io.ticketsmith.request;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;

/** Analyses as an LLM would answer them, for the process tests. */
final class AnalysisFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisFixtures() {
    }

    /** "The login page gives a 500 since yesterday's deploy": a WEB bug the guardrails let run automatically. */
    static Analysis loginBug() {
        return new Analysis("create_issue", "Login page returns HTTP 500 since yesterday's deploy", "bug", "medium",
                "neutral", Analysis.Confidence.all(0.95),
                "The reporter describes a server error on login that started with a deploy; this is a bug for WEB.",
                List.of(ProposedAction.createIssue("WEB", "Bug", "Login page returns HTTP 500",
                        "Since yesterday's deploy the login page answers 500.", List.of("login"), null)));
    }

    /** The same bug, but the model is unsure: reviewers must look at it. */
    static Analysis unsureLoginBug() {
        Analysis sure = loginBug();
        return new Analysis(sure.intent(), sure.summary(), sure.category(), sure.urgency(), sure.sentiment(),
                new Analysis.Confidence(0.9, 0.6, 0.85, 0.9), sure.explanation(), sure.actions());
    }

    /** Assigns work to the CEO, which the guardrails refuse. */
    static Analysis assignToCeo() {
        return new Analysis("assign", "Give WEB-7 to the CEO", "other", "low", "neutral", Analysis.Confidence.all(0.97),
                "The request asks to assign WEB-7 to the CEO.", List.of(ProposedAction.assign("WEB-7", "CEO")));
    }

    /** Two actions: a new bug and a comment on an existing issue. */
    static Analysis bugAndComment() {
        Analysis bug = loginBug();
        return bug.withActions(List.of(bug.actions().get(0),
                ProposedAction.comment("WEB-1", "A new bug was filed for the login error.")));
    }

    static String json(Analysis analysis) {
        try {
            return JSON.writeValueAsString(analysis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
