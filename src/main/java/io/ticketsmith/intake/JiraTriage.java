package io.ticketsmith.intake;

import io.micrometer.core.instrument.MeterRegistry;

import io.ticketsmith.audit.RequestRegistry;
import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.request.HandleRequestProcess;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Starts triage of Jira issues: one from a webhook, or a batch found by JQL. Each issue is a request whose
 * external id is the issue key, so an issue already in flight (or done) is never triaged twice, whichever way
 * it arrives.
 */
@Service
public class JiraTriage {

    private static final Logger log = LoggerFactory.getLogger(JiraTriage.class);

    private final JiraGateway jira;
    private final RequestIntake intake;
    private final RequestRegistry registry;
    private final JiraTriageProperties properties;
    private final MeterRegistry meters;

    JiraTriage(JiraGateway jira, RequestIntake intake, RequestRegistry registry, JiraTriageProperties properties,
            MeterRegistry meters) {
        this.jira = jira;
        this.intake = intake;
        this.registry = registry;
        this.properties = properties;
        this.meters = meters;
    }

    /** How a batch run went. */
    public record RunResult(int found, int started, int skipped, int failed) {
    }

    /** Starts triage of one issue; returns the request (new or existing). */
    RequestIntake.Submitted triage(JiraGateway.JiraIssue issue) {
        return intake.submit(new RequestIntake.NewRequest(requestText(issue), HandleRequestProcess.Sources.JIRA,
                issue.reporter(), issue.key()), "jira");
    }

    @Scheduled(cron = "${ticketsmith.triage.schedule:-}")
    void scheduledRun() {
        run();
    }

    public RunResult run() {
        int found = 0;
        int started = 0;
        int skipped = 0;
        int failed = 0;
        String token = null;
        do {
            JiraGateway.SearchPage page = jira.search(properties.jql(), token,
                    Math.min(properties.pageSize(), properties.maxPerRun() - found));
            for (JiraGateway.JiraIssue issue : page.issues()) {
                found++;
                if (registry.findByExternalId(HandleRequestProcess.Sources.JIRA, issue.key()).isPresent()) {
                    skipped++;
                    continue;
                }
                try {
                    if (triage(issue).created()) {
                        started++;
                    } else {
                        skipped++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("Triage of {} could not be started: {}", issue.key(), e.getMessage());
                }
                if (found >= properties.maxPerRun()) {
                    break;
                }
            }
            token = page.nextPageToken();
        } while (token != null && found < properties.maxPerRun());
        count("found", found);
        count("started", started);
        count("skipped", skipped);
        count("failed", failed);
        log.info("Jira triage run: {} found, {} started, {} skipped (already known), {} failed", found, started, skipped,
                failed);
        return new RunResult(found, started, skipped, failed);
    }

    private void count(String result, int amount) {
        meters.counter("ticketsmith.triage.issues", "result", result).increment(amount);
    }

    /** What the analysis reads: the issue's identity first, so the LLM proposes actions on this very issue. */
    static String requestText(JiraGateway.JiraIssue issue) {
        StringBuilder text = new StringBuilder("Jira issue ").append(issue.key());
        if (issue.issueType() != null) {
            text.append(" (").append(issue.issueType()).append(")");
        }
        text.append(": ").append(issue.summary() == null ? "" : issue.summary());
        if (issue.description() != null && !issue.description().isBlank()) {
            text.append("\n\n").append(issue.description().strip());
        }
        return text.toString();
    }
}
