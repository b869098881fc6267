package io.ticketsmith.config;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client behind every {@code RestClient} (LLM providers, Jira, Confluence). The JDK client would try to upgrade
 * plain-HTTP connections to HTTP/2; local servers such as Ollama or a proxy in between often break on that
 * upgrade, so connections stay on HTTP/1.1. Timeouts come from {@code spring.http.client.*}.
 *
 * <p>Idle connections: the JDK keeps a connection for reuse 20 minutes, while servers and load balancers close
 * idle ones after about a minute (Jira Cloud did), so a POST went out on a dead socket and failed with an
 * {@code IOException}. Pooled connections are dropped after {@link #KEEP_ALIVE_SECONDS}, and a request whose reused
 * connection turns out closed before any byte of an answer arrived is sent once more on a new connection - for
 * POSTs too, since such a request never reached the server. Both are JDK settings read once per JVM, so they are
 * set before the first request (unless the operator set them).
 *
 * <p>Threads: Spring's JDK request factory writes each request body on the client's executor, and where the client
 * has none, on a thread started for that request and ended after it, one or two per LLM call and Jira call. Every
 * client built here has {@link #EXECUTOR}, whose threads are kept for a minute and reused; the JDK client runs its own
 * asynchronous work there too, as it would on the cached pool it otherwise makes for each client. And the JDK client
 * completes every {@code sendAsync}, which Spring's factory uses, with a completion on {@code CompletableFuture}'s
 * default executor; where the common pool has fewer than two threads (a machine with two CPUs or fewer) that executor
 * starts a thread for each task, so the pool is given two ({@link #useCommonPoolForCompletions}).
 */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfiguration {

    /** Shorter than the idle timeouts of the servers and load balancers in front of Jira and LLM providers. */
    static final int KEEP_ALIVE_SECONDS = 20;

    /** The threads that write request bodies and run the clients' asynchronous work, shared by every client. */
    static final ExecutorService EXECUTOR = executor();

    static {
        useFreshConnections();
        useCommonPoolForCompletions();
    }

    /**
     * Gives the common pool two threads where the JDK would give it fewer, unless the operator set its parallelism.
     * The JDK reads the setting once, when the pool is first used, so {@code main} calls this before anything else.
     */
    public static void useCommonPoolForCompletions() {
        String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() - 1 < 2) {
            System.setProperty(parallelism, "2");
        }
    }

    /** Sets the JDK client's keep-alive and retry of expired connections, unless already set. */
    public static void useFreshConnections() {
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", Integer.toString(KEEP_ALIVE_SECONDS));
        }
        if (System.getProperty("jdk.httpclient.enableAllMethodRetry") == null) {
            System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
        }
    }

    /**
     * Request bodies are buffered and sent with their Content-Length. Streamed, the JDK client sends a JSON body
     * chunked, and some providers and proxies refuse that: Azure OpenAI with 400 {@code no_content_length_header},
     * Mistral with 411. The bodies are small JSON documents, so buffering them costs nothing worth saving.
     */
    @Bean
    ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder() {
        return requestFactoryBuilder();
    }

    /** The builder of every client's request factory, for tests that build clients without the application. */
    public static ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder() {
        JdkClientHttpRequestFactoryBuilder jdk = ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1).executor(EXECUTOR));
        return settings -> new org.springframework.http.client.BufferingClientHttpRequestFactory(jdk.build(settings));
    }

    /** Unbounded and cached, as the JDK client's own default: a thread idle for a minute ends. */
    private static ExecutorService executor() {
        AtomicInteger number = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "http-client-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
