package io.ticketsmith.config;

import java.net.http.HttpClient;

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
 */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfiguration {

    /** Shorter than the idle timeouts of the servers and load balancers in front of Jira and LLM providers. */
    static final int KEEP_ALIVE_SECONDS = 20;

    static {
        useFreshConnections();
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
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1));
        return settings -> new org.springframework.http.client.BufferingClientHttpRequestFactory(jdk.build(settings));
    }
}
