package io.ticketsmith.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.ticketsmith.evaluation.AnalysisReport.ActionAgreement;
import io.ticketsmith.evaluation.AnalysisReport.CalibrationBucket;
import io.ticketsmith.evaluation.AnalysisReport.FieldScore;

/** The report as Markdown, for a person to read next to the JSON that tools read. */
public final class ReportMarkdown {

    private ReportMarkdown() {
    }

    public static String render(AnalysisReport report) {
        StringBuilder out = new StringBuilder("# Analysis evaluation\n\n");
        report.setup().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> out.append("- ").append(entry.getKey()).append(": ").append(entry.getValue())
                        .append('\n'));
        out.append("- tickets: ").append(report.tickets()).append(", without an analysis: ").append(report.failed())
                .append("\n\n## Fields\n\n| field | accuracy | macro-F1 | correct |\n|---|---:|---:|---:|\n");
        report.fields().forEach((name, score) -> out.append("| ").append(name).append(" | ")
                .append(percent(score.accuracy())).append(" | ").append(number(score.macroF1())).append(" | ")
                .append(score.correct()).append('/').append(score.total()).append(" |\n"));

        out.append("\n## Actions\n\nA proposed action agrees when the expected one of its type was proposed on the same"
                + " issue, project, issue type, link or template. Exactly agreeing action lists: ")
                .append(percent(report.exactActions()))
                .append(".\n\n| action | expected | proposed | agreed | precision | recall |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, ActionAgreement> entry : report.actions().entrySet()) {
            ActionAgreement a = entry.getValue();
            out.append("| ").append(entry.getKey()).append(" | ").append(a.expected()).append(" | ")
                    .append(a.proposed()).append(" | ").append(a.agreed()).append(" | ").append(percent(a.precision()))
                    .append(" | ").append(percent(a.recall())).append(" |\n");
        }

        out.append("\n## Cost and latency\n\n- calls: ").append(report.cost().calls()).append(", prompt tokens: ")
                .append(report.cost().promptTokens()).append(", completion tokens: ")
                .append(report.cost().completionTokens()).append(", cost: ")
                .append(report.cost().usd().toPlainString()).append(" USD\n- latency p50: ")
                .append(report.latency().p50Millis()).append(" ms, p95: ").append(report.latency().p95Millis())
                .append(" ms, max: ").append(report.latency().maxMillis()).append(" ms\n");

        out.append("\n## Calibration\n\nStated confidence against how often the field was right; a well calibrated"
                + " model is right about as often as it says.\n\n| field |");
        List<String> bucketNames = report.calibration().values().stream().findFirst().orElse(List.of()).stream()
                .map(CalibrationBucket::bucket).toList();
        bucketNames.forEach(name -> out.append(' ').append(name).append(" |"));
        out.append("\n|---|").append("---:|".repeat(bucketNames.size())).append('\n');
        report.calibration().forEach((field, buckets) -> {
            out.append("| ").append(field).append(" |");
            buckets.forEach(b -> out.append(' ').append(b.count() == 0 ? "–"
                    : percent(b.accuracy()) + " of " + b.count() + " (said " + number(b.meanConfidence()) + ")")
                    .append(" |"));
            out.append('\n');
        });

        out.append("\n## Confusion matrices\n\nRows are the expected values, columns the answered ones.\n");
        report.fields().forEach((name, score) -> confusion(out, name, score));
        return out.toString();
    }

    private static void confusion(StringBuilder out, String name, FieldScore score) {
        TreeSet<String> labels = new TreeSet<>(score.confusion().keySet());
        score.confusion().values().forEach(row -> labels.addAll(row.keySet()));
        List<String> columns = new ArrayList<>(labels);
        out.append("\n### ").append(name).append("\n\n| expected \\ answered |");
        columns.forEach(column -> out.append(' ').append(column).append(" |"));
        out.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        score.confusion().forEach((expected, row) -> {
            out.append("| ").append(expected).append(" |");
            columns.forEach(column -> out.append(' ').append(row.getOrDefault(column, 0)).append(" |"));
            out.append('\n');
        });
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
