package io.ticketsmith.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ticketsmith.safety.PiiRedactor;

import org.springframework.stereotype.Service;

/**
 * Runs the analysis over a labelled set the way a request is analysed: personal data redacted first, then the
 * configured model with the chosen prompt; then compares the answers with the labels.
 */
@Service
public class Evaluation {

    static final String REPORT_NAME = "analysis-evaluation";

    private final AnalysisBatch batch;
    private final PiiRedactor redactor;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    Evaluation(AnalysisBatch batch, PiiRedactor redactor) {
        this.batch = batch;
        this.redactor = redactor;
    }

    /**
     * @param limit only the first this many tickets; 0 for all
     * @throws CostLimitExceededException the estimated cost is beyond maxUsd; nothing was called
     */
    public AnalysisReport evaluate(Path set, String promptVersion, int limit, BigDecimal maxUsd) {
        String version = batch.promptVersion(promptVersion);
        List<EvaluationSet.Ticket> tickets = EvaluationSet.read(set);
        if (limit > 0 && limit < tickets.size()) {
            tickets = tickets.subList(0, limit);
        }
        List<AnalysisBatch.Case> cases = tickets.stream()
                .map(t -> new AnalysisBatch.Case(t.id(), redactor.redact(t.text()).text(), t.expected())).toList();
        CostEstimate estimate = batch.estimate(cases, version);
        List<Sample> samples = batch.analyse(cases, version, maxUsd);
        return batch.report(samples, version, set.getFileName().toString(), estimate);
    }

    /** Writes the report as {@code analysis-evaluation.json} and {@code .md} into the directory; returns the JSON's path. */
    public Path write(AnalysisReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            Path jsonFile = directory.resolve(REPORT_NAME + ".json");
            json.writeValue(jsonFile.toFile(), report);
            Files.writeString(directory.resolve(REPORT_NAME + ".md"), ReportMarkdown.render(report),
                    StandardCharsets.UTF_8);
            return jsonFile;
        } catch (IOException e) {
            throw new UncheckedIOException("The report cannot be written to " + directory, e);
        }
    }
}
