package io.ticketsmith.reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ticketsmith.models.DecisionTables.ReplyRules;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

/** The phrases of the top-level {@code dmn/reply-rules.dmn} for a source, as the application's check reads them. */
final class ReplyRulesTable {

    private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    private ReplyRulesTable() {
    }

    static List<ForbiddenPhrase> phrases(String source) {
        try (InputStream model = Files.newInputStream(Path.of("dmn", ReplyRules.FILE))) {
            DmnDecision decision = ENGINE.parseDecision(ReplyRules.KEY, model);
            return ENGINE.evaluateDecisionTable(decision, Map.of(ReplyRules.SOURCE.name(), source)).getResultList()
                    .stream().map(rule -> new ForbiddenPhrase(ReplyRules.PHRASE.from(rule), ReplyRules.REASON.from(rule),
                            Boolean.parseBoolean(ReplyRules.BLOCK.from(rule))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
