package io.ticketsmith.reply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.models.DecisionTables.ReplyRules;
import io.ticketsmith.safety.PiiRedactor;
import io.ticketsmith.safety.PiiVault;
import io.ticketsmith.safety.SafetyProperties;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs the {@link ReplyValidator} over a request's draft replies with the request's context: who the addressee is,
 * which placeholders are put back after approval, the process owner's reply rules ({@code dmn/reply-rules.dmn}, the
 * latest deployed version, for the request's source) and the allowed link hosts.
 *
 * <p>The reply rules are evaluated without the engine's decision history: a reply is checked when its review opens,
 * when it is approved and before it is sent, and each check would otherwise write every matching rule's outputs to
 * the history tables, a copy of the table's contents that tells an auditor nothing the findings do not.
 */
@Service
public class ReplyChecks {

    private static final Logger log = LoggerFactory.getLogger(ReplyChecks.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+]");

    private final RepositoryService repository;
    private final org.camunda.bpm.engine.impl.interceptor.CommandExecutor commands;
    private final DmnEngine dmn;
    /** Parsed reply rules by decision definition id; a version, once deployed, never changes. */
    private final Map<String, DmnDecision> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    private final PiiRedactor redactor;
    private final PiiVault vault;
    private final SafetyProperties safety;
    private final ReplyProperties properties;

    ReplyChecks(ProcessEngine engine, PiiRedactor redactor, PiiVault vault, SafetyProperties safety,
            ReplyProperties properties) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        this.repository = engine.getRepositoryService();
        this.commands = configuration.getCommandExecutorTxRequired();
        this.dmn = configuration.getDmnEngine();
        this.redactor = redactor;
        this.vault = vault;
        this.safety = safety;
        this.properties = properties;
    }

    /**
     * @param reporter the request's reporter as stored (its placeholder), or null
     * @return what the check found in every draft reply among the actions, in their order; empty when none has any
     */
    public List<ReplyFinding> check(String requestId, String source, String reporter, List<ProposedAction> actions) {
        if (actions == null || actions.stream().noneMatch(ReplyDrafting::isReply)) {
            return List.of();
        }
        List<ReplyFinding> findings = new ArrayList<>();
        ReplyValidator validator = new ReplyValidator(new ReplyValidator.Rules(properties.minLength(),
                properties.maxLength(), safety.allowedLinkHosts(), phrases(source, findings),
                properties.signatures().values()), text -> redactor.redact(text).counts());
        Set<String> resolved = vault.placeholders(requestId);
        for (int index = 0; index < actions.size(); index++) {
            ProposedAction action = actions.get(index);
            if (ReplyDrafting.isReply(action)) {
                findings.addAll(validator.check(index + 1, action, addressee(reporter, action), resolved));
            }
        }
        return findings;
    }

    /**
     * Reads the product's own rules whoever is logged in: a reviewer completing a task in Tasklist may not read
     * decision definitions, and the check must not depend on it.
     */
    private <T> T asProduct(java.util.function.Supplier<T> read) {
        return commands.execute(context -> {
            boolean checking = context.isAuthorizationCheckEnabled();
            context.disableAuthorizationCheck();
            try {
                return read.get();
            } finally {
                if (checking) {
                    context.enableAuthorizationCheck();
                }
            }
        });
    }

    /** One line per finding, for the review form; empty for none. */
    public static String describe(List<ReplyFinding> findings) {
        return String.join("\n", findings.stream().map(ReplyFinding::describe).toList());
    }

    private static Set<String> addressee(String reporter, ProposedAction reply) {
        Set<String> own = new LinkedHashSet<>();
        for (String value : new String[] {reporter, reply.to()}) {
            if (value != null) {
                Matcher placeholder = PLACEHOLDER.matcher(value);
                while (placeholder.find()) {
                    own.add(placeholder.group());
                }
            }
        }
        return own;
    }

    /**
     * The reply rules for the source. Without a deployed table the replies are not checked for phrases, and the
     * reviewer is told so rather than left to believe they were.
     */
    private List<ForbiddenPhrase> phrases(String source, List<ReplyFinding> findings) {
        DecisionDefinition latest = asProduct(() -> repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(ReplyRules.KEY).latestVersion().singleResult());
        if (latest == null) {
            log.warn("No decision table {} is deployed: replies are not checked for forbidden phrases", ReplyRules.KEY);
            findings.add(new ReplyFinding(0, ReplyValidator.FORBIDDEN_PHRASE, "the reply rules ("
                    + ReplyRules.FILE + ") are not deployed, so no reply was checked for forbidden phrases", false));
            return List.of();
        }
        DmnDecision decision = parsed.computeIfAbsent(latest.getId(), id -> {
            try (java.io.InputStream model = asProduct(() -> repository.getDecisionModel(id))) {
                return dmn.parseDecision(ReplyRules.KEY, model);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<ForbiddenPhrase> phrases = new ArrayList<>();
        for (Map<String, Object> rule : dmn.evaluateDecisionTable(decision,
                Map.of(ReplyRules.SOURCE.name(), source == null ? "" : source)).getResultList()) {
            phrases.add(new ForbiddenPhrase(ReplyRules.PHRASE.from(rule), ReplyRules.REASON.from(rule),
                    Boolean.parseBoolean(ReplyRules.BLOCK.from(rule))));
        }
        return phrases;
    }
}
