package io.ticketsmith.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboards (every one in the provisioned folder) and the Prometheus alert rules query only metrics,
 * labels and label values the application publishes. A panel or rule on a misspelt or renamed metric shows "No data"
 * or never fires, and nothing else would notice; here it fails the build. {@link #CONTRACT} is the one list of what
 * the application exposes.
 */
class DashboardQueriesTest {

    /** Grafana loads every dashboard in this folder (provisioning/dashboards/ticketsmith.yml). */
    private static final Path DASHBOARDS = Path.of("src/ops/grafana/dashboards");
    private static final Path OVERVIEW = DASHBOARDS.resolve("ticketsmith.json");
    private static final Path TRIAGE = DASHBOARDS.resolve("triage.json");
    private static final Path DATASOURCES = Path.of("src/ops/grafana/provisioning/datasources/prometheus.yml");
    private static final Path ALERTS = Path.of("src/ops/prometheus/alerts.yml");
    private static final Path PROMETHEUS = Path.of("src/ops/prometheus/prometheus.yml");
    private static final Path ENGINE_METRICS = Path.of("src/main/java/io/ticketsmith/observability/EngineMetrics.java");

    /**
     * Every {@code ticketsmith_*} and {@code camunda_*} metric under its Prometheus name, with its labels and, where
     * the set is closed, their values (no values: any). Besides these, every series carries {@code application} (a
     * common tag) and {@code job} and {@code instance} (added by Prometheus).
     */
    static final Map<String, Metric> CONTRACT = contract(
            histogram("ticketsmith_llm_latency_seconds",
                    label("provider"), label("model"), label("outcome", "success", "invalid", "error")),
            counter("ticketsmith_llm_tokens_total", label("model"), label("type", "prompt", "completion")),
            counter("ticketsmith_llm_cost_usd_total", label("model")),
            gauge("ticketsmith_budget_used_ratio"),
            gauge("ticketsmith_budget_spent_usd"),
            gauge("ticketsmith_budget_limit_usd"),
            histogram("ticketsmith_jira_api_latency_seconds", label("operation"), label("status")),
            counter("ticketsmith_actions_total",
                    label("type"), label("source", "auto", "human"), label("status", "success", "failure")),
            // The guardrails' routes and the process's outcomes, as RequestEndedListener tags them.
            counter("ticketsmith_requests_total",
                    label("source"),
                    label("route", "AUTO", "REVIEW", "REJECT", "none"),
                    label("outcome", "DONE", "REFUSED", "REJECTED", "EXPIRED", "FAILED")),
            counter("ticketsmith_review_decisions_total", label("decision", "approved", "edited", "rejected", "expired")),
            histogram("ticketsmith_review_wait_seconds"),
            counter("ticketsmith_review_escalations_total", label("group")),
            gauge("ticketsmith_review_overdue_tasks"),
            counter("ticketsmith_fallback_total",
                    label("reason", "no_provider", "llm_unavailable", "analysis_invalid", "budget")),
            counter("ticketsmith_rate_limited_total", label("target", "llm", "jira")),
            counter("ticketsmith_triage_issues_total", label("result", "found", "started", "skipped", "failed")),
            // Triage analytics: the analysis validator's values plus other, the known sources plus other.
            counter("ticketsmith_triage_tickets_total",
                    label("source", "api", "jira", "tasklist", "email", "phone", "chat", "zendesk", "other"),
                    label("category", "bug", "feature", "question", "incident", "refund", "other"),
                    label("urgency", "low", "medium", "high", "critical", "other"),
                    label("sentiment", "positive", "neutral", "negative", "other")),
            counter("ticketsmith_triage_outcomes_total",
                    label("source", "api", "jira", "tasklist", "email", "phone", "chat", "zendesk", "other"),
                    label("analysis", "llm", "fallback", "none"),
                    label("result", "success", "failure")),
            // EngineMetrics: gauges of open work, counters of the engine's own metrics.
            gauge("camunda_process_instances_active"),
            gauge("camunda_user_tasks_open"),
            gauge("camunda_external_tasks_open"),
            gauge("camunda_jobs_executable"),
            gauge("camunda_jobs_without_retries"),
            gauge("camunda_incidents_open"),
            counter("camunda_job_acquisition_attempts_total"),
            counter("camunda_job_acquired_total"),
            counter("camunda_job_acquisition_failures_total"),
            counter("camunda_job_rejected_total"),
            counter("camunda_job_successful_total"),
            counter("camunda_job_failed_total"),
            counter("camunda_job_locked_exclusive_total"),
            counter("camunda_process_instances_started_total"),
            counter("camunda_activity_instances_started_total"),
            counter("camunda_decision_elements_executed_total"));

    private static final Set<String> COMMON_LABELS = Set.of("application", "job", "instance");

    private static final Pattern METRIC = Pattern.compile("\\b(?:ticketsmith|camunda)_\\w*");
    private static final Pattern SELECTOR = Pattern.compile("\\b((?:ticketsmith|camunda)_\\w*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    /** A regex matcher that is only an alternation of literal values, such as {@code "AUTO|REVIEW"}. */
    private static final Pattern ALTERNATION = Pattern.compile("\\w+(\\|\\w+)*");

    /** Every dashboard in {@link #DASHBOARDS}, by file. */
    private static Map<Path, JsonNode> dashboards;
    private static Map<String, Object> alerts;

    @BeforeAll
    static void parse() throws IOException {
        dashboards = new LinkedHashMap<>();
        try (var files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(file, new ObjectMapper().readTree(file.toFile()));
            }
        }
        alerts = yaml(ALERTS);
    }

    @Test
    void triageLabelsAreTheAnalysisContractsValuesAndTheKnownSources() {
        Metric tickets = CONTRACT.get("ticketsmith_triage_tickets_total");
        assertThat(tickets.labels().get("category")).isEqualTo(TicketsmithMetrics.CATEGORIES);
        assertThat(tickets.labels().get("urgency")).isEqualTo(TicketsmithMetrics.URGENCIES);
        assertThat(tickets.labels().get("sentiment")).isEqualTo(TicketsmithMetrics.SENTIMENTS);
        Set<String> sources = new TreeSet<>(TicketsmithMetrics.KNOWN_SOURCES);
        sources.add(TicketsmithMetrics.OTHER);
        assertThat(tickets.labels().get("source")).isEqualTo(sources);
        Metric outcomes = CONTRACT.get("ticketsmith_triage_outcomes_total");
        assertThat(outcomes.labels().get("source")).isEqualTo(sources);
        assertThat(outcomes.labels().get("analysis")).isEqualTo(TicketsmithMetrics.ANALYSES);
    }

    @Test
    void theFolderHoldsTheOverviewAndTheTriageDashboardWithDistinctUids() {
        assertThat(dashboards).containsKeys(OVERVIEW, TRIAGE);
        assertThat(dashboards.values().stream().map(dashboard -> dashboard.path("uid").asText()).toList())
                .doesNotHaveDuplicates().doesNotContain("");
    }

    @Test
    void triageDashboardShowsEveryFigureLeadsAskedFor() {
        JsonNode triage = dashboards.get(TRIAGE);
        assertThat(triage.path("uid").asText()).isEqualTo("ticketsmith-triage");
        assertThat(triage.path("title").asText()).isEqualTo("Triage");
        List<Query> queries = dashboardQueries(triage);
        assertThat(metricsIn(queries)).contains("ticketsmith_triage_tickets_total",
                "ticketsmith_triage_outcomes_total", "ticketsmith_requests_total", "ticketsmith_review_decisions_total");
        for (String grouping : List.of("by (category)", "by (urgency)", "by (sentiment)", "by (source)",
                "by (analysis)", "by (route)", "by (decision)", "by (result)")) {
            assertThat(queries).as("a query %s", grouping).anyMatch(query -> query.expr().contains(grouping));
        }
        assertThat(queries).as("negative share, high urgency, triage success")
                .anyMatch(query -> query.expr().contains("sentiment=\"negative\"") && query.expr().contains(" / "))
                .anyMatch(query -> query.expr().contains("urgency=~\"high|critical\""))
                .anyMatch(query -> query.expr().contains("result=\"success\"") && query.expr().contains(" / "));
    }

    @Test
    void triageAlertsWatchNegativeShareUrgentBurstsAndTriageSuccess() {
        Map<String, String> expressions = new LinkedHashMap<>();
        rules().forEach(rule -> expressions.put(String.valueOf(rule.get("alert")), String.valueOf(rule.get("expr"))));
        assertThat(expressions.get("TicketsmithNegativeShareHigh"))
                .contains("sentiment=\"negative\"", "[1h]", "> 0.2");
        assertThat(expressions.get("TicketsmithHighUrgencyBurst"))
                .contains("ticketsmith_triage_tickets_total", "urgency=~\"high|critical\"");
        assertThat(expressions.get("TicketsmithTriageSuccessLow"))
                .contains("ticketsmith_triage_outcomes_total", "result=\"success\"", "< 0.99");
    }

    @Test
    void requestLabelsAreTheRoutesAndOutcomesOfTheProcess() {
        assertThat(CONTRACT.get("ticketsmith_requests_total").labels().get("route")).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(Arrays.stream(io.ticketsmith.models.DecisionTables.Route.values())
                        .map(io.ticketsmith.models.DecisionTables.Route::value), java.util.stream.Stream.of("none"))
                        .toList());
        assertThat(CONTRACT.get("ticketsmith_requests_total").labels().get("outcome")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(io.ticketsmith.request.HandleRequestProcess.Outcome.values()).map(Enum::name).toList());
    }

    @Test
    void dashboardIsTheTicketsmithOverview() {
        JsonNode dashboard = dashboards.get(OVERVIEW);
        assertThat(dashboard.path("uid").asText()).isEqualTo("ticketsmith-overview");
        assertThat(dashboard.path("title").asText()).isEqualTo("Ticketsmith");
        assertThat(panels(dashboard)).hasSizeGreaterThan(20);
    }

    @Test
    void everyPanelHasATitleAndTheProvisionedPrometheusDatasource() throws IOException {
        String datasourceUid = provisionedPrometheusUid();
        for (JsonNode panel : dashboards.values().stream().flatMap(dashboard -> panels(dashboard).stream()).toList()) {
            String title = panel.path("title").asText();
            assertThat(title).as("title of panel %s", panel.path("id")).isNotBlank();
            if (isRow(panel)) {
                continue;
            }
            assertThat(panel.path("datasource").path("type").asText()).as("datasource type of '%s'", title)
                    .isEqualTo("prometheus");
            assertThat(panel.path("datasource").path("uid").asText()).as("datasource uid of '%s'", title)
                    .isEqualTo(datasourceUid);
            assertThat(panel.path("targets")).as("targets of '%s'", title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("expr of '%s' %s", title, target.path("refId")).isNotBlank();
                if (target.has("datasource")) {
                    assertThat(target.path("datasource").path("uid").asText()).as("target datasource of '%s'", title)
                            .isEqualTo(datasourceUid);
                }
            }
        }
    }

    @Test
    void panelIdsAreUniqueWithinEachDashboard() {
        dashboards.forEach((file, dashboard) -> {
            List<Integer> ids = panels(dashboard).stream().map(panel -> panel.path("id").asInt()).toList();
            assertThat(ids).as("panel ids of %s", file).doesNotHaveDuplicates().doesNotContain(0);
        });
    }

    @Test
    void dashboardQueriesUseOnlyContractMetricsLabelsAndValues() {
        assertThat(metricsIn(dashboardQueries(dashboards.get(OVERVIEW)))).as("metrics the overview queries")
                .hasSizeGreaterThan(20);
        dashboards.forEach((file, dashboard) -> {
            List<Query> queries = dashboardQueries(dashboard).stream()
                    .map(query -> new Query(file.getFileName() + " " + query.where(), query.expr())).toList();
            assertThat(queries).as("queries of %s", file).isNotEmpty();
            assertThat(queries.stream().flatMap(query -> problems(query).stream()).toList()).isEmpty();
        });
    }

    @Test
    void alertRulesUseOnlyContractMetricsLabelsAndValues() {
        List<Query> queries = alertQueries();
        assertThat(metricsIn(queries)).as("metrics the alert rules query").hasSizeGreaterThan(5);
        assertThat(queries.stream().flatMap(query -> problems(query).stream()).toList()).isEmpty();
    }

    @Test
    void everyAlertHasADurationASeverityAndASummary() {
        List<Map<String, Object>> rules = rules();
        assertThat(rules).isNotEmpty();
        for (Map<String, Object> rule : rules) {
            Object name = rule.get("alert");
            assertThat(name).as("rule without alert name: %s", rule).isNotNull();
            assertThat(rule.get("expr")).as("expr of %s", name).isNotNull();
            assertThat(rule.get("for")).as("for of %s", name).isNotNull();
            assertThat(map(rule.get("labels")).get("severity")).as("severity of %s", name)
                    .isIn("warning", "critical");
            assertThat(String.valueOf(map(rule.get("annotations")).get("summary"))).as("summary of %s", name)
                    .isNotBlank().isNotEqualTo("null");
            assertThat(String.valueOf(map(rule.get("annotations")).get("description"))).as("description of %s", name)
                    .isNotBlank().isNotEqualTo("null");
        }
    }

    @Test
    void alertRulesFormTheTicketsmithGroupThatPrometheusLoads() throws IOException {
        assertThat(list(alerts.get("groups"))).extracting(group -> map(group).get("name")).containsExactly("ticketsmith");
        assertThat(list(yaml(PROMETHEUS).get("rule_files"))).contains(ALERTS.getFileName().toString());
    }

    @Test
    void contractEngineMetricsAreTheOnesEngineMetricsRegisters() throws IOException {
        String source = Files.readString(ENGINE_METRICS);
        for (Metric metric : CONTRACT.values()) {
            if (metric.name().startsWith("camunda_")) {
                String meterName = metric.name().replaceFirst("_total$", "").replace('_', '.');
                assertThat(source).as("EngineMetrics registers %s", meterName).contains('"' + meterName + '"');
            }
        }
    }

    @Test
    void checkerReportsUnknownMetricsLabelsAndValues() {
        assertThat(problems(new Query("t", "rate(ticketsmith_requests_finished_total[5m])")))
                .singleElement().asString().contains("unknown metric ticketsmith_requests_finished_total");
        assertThat(problems(new Query("t", "ticketsmith_llm_latency_seconds")))
                .singleElement().asString().contains("unknown metric ticketsmith_llm_latency_seconds");
        assertThat(problems(new Query("t", "ticketsmith_requests_total{outcome=\"failed\"}")))
                .singleElement().asString().contains("outcome=\"failed\"");
        assertThat(problems(new Query("t", "ticketsmith_requests_total{route=~\"AUTO|REVIEWED\"}")))
                .singleElement().asString().contains("REVIEWED");
        assertThat(problems(new Query("t", "ticketsmith_fallback_total{cause=\"budget\"}")))
                .singleElement().asString().contains("label cause");
        assertThat(problems(new Query("t", "sum by (result) (rate(ticketsmith_requests_total[5m]))")))
                .singleElement().asString().contains("groups by result");
        assertThat(problems(new Query("t", "sum by (le, model) (rate(ticketsmith_llm_latency_seconds_bucket"
                + "{application=\"ticketsmith\",outcome=~\"success|error\"}[5m]))"))).isEmpty();
    }

    // ---------------------------------------------------------------- checking queries

    /** What is wrong with a query: metrics, selector labels and values, and grouping labels outside the contract. */
    static List<String> problems(Query query) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Set<String>>> series = new LinkedHashMap<>();
        Matcher metric = METRIC.matcher(query.expr());
        while (metric.find()) {
            Map<String, Set<String>> labels = seriesLabels(metric.group());
            if (labels == null) {
                problems.add(query.where() + ": unknown metric " + metric.group());
            } else {
                series.put(metric.group(), labels);
            }
        }
        Matcher selector = SELECTOR.matcher(query.expr());
        while (selector.find()) {
            Map<String, Set<String>> labels = series.get(selector.group(1));
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (labels != null && matcher.find()) {
                String label = matcher.group(1);
                String operator = matcher.group(2);
                String value = matcher.group(3);
                if (!labels.containsKey(label)) {
                    problems.add(query.where() + ": " + selector.group(1) + " has no label " + label);
                    continue;
                }
                Set<String> allowed = labels.get(label);
                List<String> values = !operator.endsWith("~") ? List.of(value)
                        : ALTERNATION.matcher(value).matches() ? Arrays.asList(value.split("\\|")) : List.of();
                for (String each : values) {
                    if (!allowed.isEmpty() && !allowed.contains(each)) {
                        problems.add(query.where() + ": " + selector.group(1) + " never has " + label + "=\"" + each
                                + "\" (values: " + allowed + ")");
                    }
                }
            }
        }
        if (!series.isEmpty()) {
            Set<String> available = new TreeSet<>();
            series.values().forEach(labels -> available.addAll(labels.keySet()));
            Matcher grouping = GROUPING.matcher(query.expr());
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank() && !available.contains(label.strip())) {
                        problems.add(query.where() + ": groups by " + label.strip() + ", but " + series.keySet()
                                + " only have " + available);
                    }
                }
            }
        }
        return problems;
    }

    /** The labels (with allowed values) of a series name, or null if the application publishes no such series. */
    private static Map<String, Set<String>> seriesLabels(String seriesName) {
        Metric exact = CONTRACT.get(seriesName);
        if (exact != null && exact.kind() != Kind.HISTOGRAM) {
            return exact.labelsWithCommon(false);
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (seriesName.endsWith(suffix)) {
                Metric histogram = CONTRACT.get(seriesName.substring(0, seriesName.length() - suffix.length()));
                if (histogram != null && histogram.kind() == Kind.HISTOGRAM) {
                    return histogram.labelsWithCommon(suffix.equals("_bucket"));
                }
            }
        }
        return null;
    }

    private static Set<String> metricsIn(List<Query> queries) {
        Set<String> metrics = new TreeSet<>();
        for (Query query : queries) {
            METRIC.matcher(query.expr()).results().map(MatchResult::group).forEach(metrics::add);
        }
        return metrics;
    }

    // ---------------------------------------------------------------- reading the files

    private static List<Query> dashboardQueries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String expr = query.isObject() ? query.path("query").asText() : query.asText();
            queries.add(new Query("variable " + variable.path("name").asText(), expr));
        }
        return queries;
    }

    private static List<Query> alertQueries() {
        return rules().stream()
                .map(rule -> new Query("alert " + rule.getOrDefault("alert", rule.get("record")),
                        String.valueOf(rule.get("expr"))))
                .toList();
    }

    /** All panels, including those inside collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private static boolean isRow(JsonNode panel) {
        return "row".equals(panel.path("type").asText());
    }

    private static List<Map<String, Object>> rules() {
        return list(alerts.get("groups")).stream()
                .flatMap(group -> list(map(group).get("rules")).stream())
                .map(DashboardQueriesTest::map)
                .toList();
    }

    private static String provisionedPrometheusUid() throws IOException {
        return list(yaml(DATASOURCES).get("datasources")).stream()
                .map(DashboardQueriesTest::map)
                .filter(datasource -> "prometheus".equals(datasource.get("type")))
                .map(datasource -> String.valueOf(datasource.get("uid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Prometheus datasource in " + DATASOURCES));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml().load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    // ---------------------------------------------------------------- the contract's building blocks

    record Query(String where, String expr) {
    }

    enum Kind { COUNTER, GAUGE, HISTOGRAM }

    record Label(String name, Set<String> values) {
    }

    record Metric(String name, Kind kind, Map<String, Set<String>> labels) {

        Map<String, Set<String>> labelsWithCommon(boolean bucket) {
            Map<String, Set<String>> all = new LinkedHashMap<>(labels);
            COMMON_LABELS.forEach(label -> all.put(label, Set.of()));
            if (bucket) {
                all.put("le", Set.of());
            }
            return all;
        }
    }

    private static Map<String, Metric> contract(Metric... metrics) {
        Map<String, Metric> contract = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            if (contract.put(metric.name(), metric) != null) {
                throw new IllegalArgumentException("listed twice: " + metric.name());
            }
        }
        return Map.copyOf(contract);
    }

    private static Label label(String name, String... values) {
        return new Label(name, new LinkedHashSet<>(List.of(values)));
    }

    private static Metric counter(String name, Label... labels) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("Prometheus names of counters end in _total: " + name);
        }
        return metric(name, Kind.COUNTER, labels);
    }

    private static Metric gauge(String name, Label... labels) {
        return metric(name, Kind.GAUGE, labels);
    }

    private static Metric histogram(String name, Label... labels) {
        return metric(name, Kind.HISTOGRAM, labels);
    }

    private static Metric metric(String name, Kind kind, Label... labels) {
        Map<String, Set<String>> byName = new LinkedHashMap<>();
        for (Label label : labels) {
            byName.put(label.name(), Set.copyOf(label.values()));
        }
        return new Metric(name, kind, Map.copyOf(byName));
    }
}
