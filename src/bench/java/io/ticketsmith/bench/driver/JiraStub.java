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

/**
 * A stand-in for Jira Cloud's REST API v3, as far as creating an issue goes: the search for the idempotency label,
 * create metadata, create, edits. It records, per benchmark request, when Jira was first called for it: the search
 * for the action's idempotency label ({@code ts-...}) comes first and carries no request id, so its time is kept by
 * label and matched when the create arrives with both that label and the request's {@code bench-NNNNNN} label.
 */
final class JiraStub {

    private static final Pattern IDEMPOTENCY_LABEL = Pattern.compile("ts-[0-9a-f]{16}");
    private static final Pattern BENCH_LABEL = Pattern.compile("bench-(\\d{6})");
    private static final String API = "/rest/api/3";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "jira-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final long latencyMillis;
    private final Map<String, Long> searchedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> firstCallAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> created = new ConcurrentHashMap<>();
    private final AtomicInteger issueNumber = new AtomicInteger(100);
    private final AtomicLong calls = new AtomicLong();

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

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        calls.incrementAndGet();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
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
            LlmStub.respond(exchange, 200, "{\"issues\":[],\"isLast\":true}");
        } else if (method.equals("GET") && path.equals(API + "/issue/createmeta/WEB/issuetypes")) {
            LlmStub.respond(exchange, 200, """
                    {"maxResults": 50, "startAt": 0, "total": 3, "issueTypes": [
                      {"id": "10004", "name": "Bug", "untranslatedName": "Bug", "subtask": false, "hierarchyLevel": 0},
                      {"id": "10001", "name": "Task", "untranslatedName": "Task", "subtask": false, "hierarchyLevel": 0},
                      {"id": "10002", "name": "Story", "untranslatedName": "Story", "subtask": false, "hierarchyLevel": 0}]}""");
        } else if (method.equals("GET") && path.startsWith(API + "/issue/createmeta/WEB/issuetypes/")) {
            LlmStub.respond(exchange, 200, """
                    {"maxResults": 50, "startAt": 0, "total": 7, "fields": [
                      {"required": true, "schema": {"type": "issuetype", "system": "issuetype"}, "name": "Issue Type",
                       "fieldId": "issuetype", "hasDefaultValue": false, "operations": []},
                      {"required": true, "schema": {"type": "project", "system": "project"}, "name": "Project",
                       "fieldId": "project", "hasDefaultValue": false, "operations": ["set"]},
                      {"required": true, "schema": {"type": "string", "system": "summary"}, "name": "Summary",
                       "fieldId": "summary", "hasDefaultValue": false, "operations": ["set"]},
                      {"required": true, "schema": {"type": "user", "system": "reporter"}, "name": "Reporter",
                       "fieldId": "reporter", "hasDefaultValue": true, "operations": ["set"]},
                      {"required": false, "schema": {"type": "string", "system": "description"}, "name": "Description",
                       "fieldId": "description", "hasDefaultValue": false, "operations": ["set"]},
                      {"required": false, "schema": {"type": "array", "items": "string", "system": "labels"},
                       "name": "Labels", "fieldId": "labels", "hasDefaultValue": false, "operations": ["add", "set"]},
                      {"required": false, "schema": {"type": "priority", "system": "priority"}, "name": "Priority",
                       "fieldId": "priority", "hasDefaultValue": true, "operations": ["set"],
                       "allowedValues": [{"name": "Highest", "id": "1"}, {"name": "High", "id": "2"},
                                         {"name": "Medium", "id": "3"}, {"name": "Low", "id": "4"}]}]}""");
        } else if (method.equals("POST") && path.equals(API + "/issue")) {
            Matcher bench = BENCH_LABEL.matcher(body);
            Matcher label = IDEMPOTENCY_LABEL.matcher(body);
            if (bench.find()) {
                long first = label.find() ? searchedAt.getOrDefault(label.group(), now) : now;
                firstCallAt.merge(bench.group(1), Math.min(first, now), Math::min);
                created.merge(bench.group(1), 1, Integer::sum);
            }
            int number = issueNumber.incrementAndGet();
            LlmStub.respond(exchange, 201, "{\"id\":\"" + (10000 + number) + "\",\"key\":\"WEB-" + number
                    + "\",\"self\":\"http://127.0.0.1/rest/api/3/issue/" + (10000 + number) + "\"}");
        } else if (method.equals("GET") && path.equals(API + "/myself")) {
            LlmStub.respond(exchange, 200, "{\"accountId\":\"5b10ac8d82e05b22cc7d4ef5\",\"active\":true}");
        } else if (method.equals("PUT")) {
            LlmStub.respond(exchange, 204, "");
        } else {
            LlmStub.respond(exchange, 404, "{\"errorMessages\":[\"Not stubbed: " + method + " " + path + "\"]}");
        }
    }
}
