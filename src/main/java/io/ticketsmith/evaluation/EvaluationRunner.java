package io.ticketsmith.evaluation;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * With {@code --ticketsmith.evaluation.run=<set>}, the application evaluates the analysis over the set once it has
 * started, writes the report and exits: 0 when the report is written, 1 when the run failed or was refused.
 */
@Component
@ConditionalOnExpression("'${ticketsmith.evaluation.run:}' != ''")
class EvaluationRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EvaluationRunner.class);

    private final Evaluation evaluation;
    private final EvaluationProperties properties;
    private final ConfigurableApplicationContext context;

    EvaluationRunner(Evaluation evaluation, EvaluationProperties properties, ConfigurableApplicationContext context) {
        this.evaluation = evaluation;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int exitCode;
        try {
            AnalysisReport report = evaluation.evaluate(properties.run(), properties.promptVersion(),
                    properties.limit(), properties.maxCostUsd());
            Path written = evaluation.write(report, properties.reportDir());
            log.info("Analysis evaluation of {} tickets written to {} (intent accuracy {}, {} USD)", report.tickets(),
                    written, report.fields().get("intent").accuracy(), report.cost().usd().toPlainString());
            exitCode = 0;
        } catch (CostLimitExceededException e) {
            log.error("Analysis evaluation refused: {}", e.getMessage());
            exitCode = 1;
        } catch (RuntimeException e) {
            log.error("Analysis evaluation failed: {}", e.getMessage());
            exitCode = 1;
        }
        if (properties.exit()) {
            int code = exitCode;
            System.exit(SpringApplication.exit(context, () -> code));
        }
    }
}
