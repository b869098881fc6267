package io.ticketsmith.bench.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.ticketsmith.fixtures.JiraCloudPayloads;
import io.ticketsmith.fixtures.JiraPayloads;

/**
 * A stand-in for Jira Cloud's REST API v3, as far as creating an issue goes: the search for the idempotency label,
 * create metadata, create, edits, answered with the tests' payloads ({@link JiraCloudPayloads}: a WEB whose only
 * issue type is a Bug that needs only a summary). It records, per benchmark request, when Jira was first called for
 * it: a search for the action's idempotency label ({@code ts-...}), made before retrying a create that an earlier
 * attempt began, carries no request id, so its time is kept by label and matched when the create arrives with both
 * that label and the request's {@code bench-NNNNNN} label.
 */
final class JiraStub {

    private static final Pattern IDEMPOTENCY_LABEL = Pattern.compile("ts-[0-9a-f]{16}");
    private static final Pattern BENCH_LABEL = Pattern.compile("bench-(\\d{6})");
    private static final String API = JiraCloudPayloads.API;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "jira-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final long latencyMillis;
    private final Map<String, Long> searchedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> firstCallAt = new ConcurrentHashMap<>();
    private final Map<String, Long> createCallAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> created = new ConcurrentHashMap<>();
    private final AtomicInteger issueNumber = new AtomicInteger(100);
    private final AtomicLong calls = new AtomicLong();
    // A 429 storm: between these epoch milliseconds every call is answered 429 with Retry-After.
    private volatile long stormFrom = Long.MAX_VALUE;
    private volatile long stormTo = Long.MIN_VALUE;
    private volatile int stormRetryAfterSeconds;
    // Until when the stub has told some caller to wait, and the calls that came anyway.
    private final AtomicLong toldToWaitUntil = new AtomicLong();
    private final AtomicLong callsWhileToldToWait = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();

    JiraStub(int port, long latencyMillis) throws IOException {
        this.latencyMillis = latencyMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Epoch milliseconds at which the first create call for each benchmark request arrived. */
    Map<String, Long> createCallAt() {
        return createCallAt;
    }

    /** Epoch milliseconds of the first Jira call made for each benchmark request. */
    Map<String, Long> firstCallAt() {
        return firstCallAt;
    }

    /** Issues created per benchmark request (more than one would be a duplicate). */
    Map<String, Integer> created() {
        return created;
    }

    long calls() {
        return calls.get();
    }

    /** Answers every call 429 with {@code Retry-After} between the two epoch milliseconds. */
    void storm(long from, long to, int retryAfterSeconds) {
        stormRetryAfterSeconds = retryAfterSeconds;
        stormFrom = from;
        stormTo = to;
    }

    /** Calls that arrived while a Retry-After the stub had sent still held (a well-behaved client makes none). */
    long callsWhileToldToWait() {
        return callsWhileToldToWait.get();
    }

    long rateLimited() {
        return rateLimited.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        calls.incrementAndGet();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (now < toldToWaitUntil.get()) {
            callsWhileToldToWait.incrementAndGet();
        }
        if (now >= stormFrom && now < stormTo) {
            rateLimited.incrementAndGet();
            toldToWaitUntil.accumulateAndGet(now + stormRetryAfterSeconds * 1000L, Math::max);
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(stormRetryAfterSeconds));
            LlmStub.respond(exchange, 429, "{\"errorMessages\":[\"Rate limit exceeded.\"]}");
            return;
        }
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (method.equals("GET") && path.equals(API + "/search/jql")) {
            Matcher label = IDEMPOTENCY_LABEL.matcher(query == null ? "" : URLDecoder.decode(query,
                    StandardCharsets.UTF_8));
            if (label.find()) {
                searchedAt.putIfAbsent(label.group(), now);
            }
            LlmStub.respond(exchange, 200, JiraCloudPayloads.searchPage(null));
        } else if (method.equals("GET") && path.equals(API + "/issue/createmeta/WEB/issuetypes")) {
            LlmStub.respond(exchange, 200, JiraCloudPayloads.BUGS_ONLY_WEB_ISSUE_TYPES);
        } else if (method.equals("GET") && path.equals(API + "/issue/createmeta/WEB/issuetypes/10004")) {
            LlmStub.respond(exchange, 200, JiraCloudPayloads.BUGS_ONLY_WEB_BUG_FIELDS);
        } else if (method.equals("POST") && path.equals(API + "/issue")) {
            Matcher bench = BENCH_LABEL.matcher(body);
            Matcher label = IDEMPOTENCY_LABEL.matcher(body);
            if (bench.find()) {
                long first = label.find() ? searchedAt.getOrDefault(label.group(), now) : now;
                firstCallAt.merge(bench.group(1), Math.min(first, now), Math::min);
                createCallAt.merge(bench.group(1), now, Math::min);
                created.merge(bench.group(1), 1, Integer::sum);
            }
            int number = issueNumber.incrementAndGet();
            LlmStub.respond(exchange, 201, JiraPayloads.createdIssue("http://127.0.0.1:" + port(), API,
                    String.valueOf(10000 + number), "WEB-" + number));
        } else if (method.equals("GET") && path.equals(API + "/myself")) {
            LlmStub.respond(exchange, 200, JiraCloudPayloads.MYSELF);
        } else if (method.equals("PUT")) {
            LlmStub.respond(exchange, 204, "");
        } else {
            LlmStub.respond(exchange, 404, "{\"errorMessages\":[\"Not stubbed: " + method + " " + path + "\"]}");
        }
    }
}
