package io.ticketsmith.bench.driver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.ticketsmith.fixtures.OpenAiPayloads;

/**
 * A stand-in for the OpenAI chat completions API. It answers every call after a configured latency with an
 * analysis the guardrails route AUTO or REVIEW, chosen by the marker the driver puts into the request text
 * ({@code [bench-000123 auto]}), in the envelope the tests use ({@link OpenAiPayloads}), and records calls in
 * flight and each call's start and end.
 */
final class LlmStub {

    static final Pattern MARKER = Pattern.compile("bench-(\\d{6}) (auto|review)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as the stub saw it; times in epoch milliseconds. */
    record Call(String benchId, boolean auto, long startedAt, long endedAt) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "llm-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final Latency latency;
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
    private final AtomicLong unmarked = new AtomicLong();

    // Calls in flight: current, maximum, and the integral over time for the time-weighted mean.
    private int inFlight;
    private int maxInFlight;
    private long lastChangeNanos;
    private double inFlightNanosIntegral;
    private long firstStartNanos = -1;
    private long lastEndNanos;

    LlmStub(int port, Latency latency) throws IOException {
        this.latency = latency;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(threads);
        server.createContext(OpenAiPayloads.CHAT_COMPLETIONS, this::chat);
        server.createContext(OpenAiPayloads.MODELS, exchange -> respond(exchange, 200, OpenAiPayloads.MODEL_LIST));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher marker = MARKER.matcher(body);
        String benchId = marker.find() ? marker.group(1) : null;
        boolean auto = benchId != null && marker.group(2).equals("auto");
        if (benchId == null) {
            unmarked.incrementAndGet();
        }
        long started = System.currentTimeMillis();
        changeInFlight(+1);
        try {
            Thread.sleep(latency.nextMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            changeInFlight(-1);
        }
        long ended = System.currentTimeMillis();
        if (benchId != null) {
            calls.computeIfAbsent(benchId, id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(new Call(benchId, auto, started, ended));
        }
        respond(exchange, 200, OpenAiPayloads.chatCompletion(analysis(benchId == null ? "000000" : benchId, auto),
                OpenAiPayloads.PROMPT_TOKENS, OpenAiPayloads.COMPLETION_TOKENS));
    }

    private synchronized void changeInFlight(int delta) {
        long now = System.nanoTime();
        if (firstStartNanos < 0) {
            firstStartNanos = now;
            lastChangeNanos = now;
        }
        inFlightNanosIntegral += (double) inFlight * (now - lastChangeNanos);
        lastChangeNanos = now;
        inFlight += delta;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (delta < 0) {
            lastEndNanos = now;
        }
    }

    synchronized Map<String, Object> inFlightFigures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("max", maxInFlight);
        double window = lastEndNanos - firstStartNanos;
        figures.put("mean", window <= 0 ? 0.0 : inFlightNanosIntegral / window);
        figures.put("windowSeconds", window / 1e9);
        return figures;
    }

    Map<String, List<Call>> calls() {
        return calls;
    }

    long unmarked() {
        return unmarked.get();
    }

    /**
     * AUTO: confident, medium urgency, neutral, one new bug in WEB (rule "safe actions in allowed projects").
     * REVIEW: the same with a confidence below 0.8 (rule "low confidence"). The label carries the marker to Jira.
     */
    static String analysis(String benchId, boolean auto) {
        double confidence = auto ? 0.95 : 0.7;
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "create_issue");
        action.put("project", "WEB");
        action.put("issueType", "Bug");
        action.put("summary", "Login page returns HTTP 500 after deploy");
        action.put("description", "Since this morning's deploy the login page answers 500 for some users.");
        action.put("priority", null);
        action.put("labels", List.of("login", "bench-" + benchId));
        action.put("assignee", null);
        action.put("parent", null);
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("intent", "create_issue");
        analysis.put("summary", "Login page returns HTTP 500 since the deploy");
        analysis.put("category", "bug");
        analysis.put("urgency", "medium");
        analysis.put("sentiment", "neutral");
        analysis.put("confidence", Map.of("intent", confidence, "category", confidence, "urgency", confidence,
                "sentiment", confidence));
        analysis.put("explanation", "The reporter describes a server error on login that started with a deploy.");
        analysis.put("actions", List.of(action));
        return json(analysis);
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code fixed:3000} or {@code uniform:2000-5000}, in milliseconds. */
    record Latency(String spec, long min, long max) {
        static Latency parse(String spec) {
            String[] kind = spec.split(":", 2);
            if (kind[0].equals("fixed")) {
                long millis = Long.parseLong(kind[1]);
                return new Latency(spec, millis, millis);
            }
            if (kind[0].equals("uniform")) {
                String[] range = kind[1].split("-");
                return new Latency(spec, Long.parseLong(range[0]), Long.parseLong(range[1]));
            }
            throw new IllegalArgumentException("latency must be fixed:<ms> or uniform:<min>-<max>, not " + spec);
        }

        long nextMillis() {
            return min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
        }
    }
}
