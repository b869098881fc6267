package io.ticketsmith.config;

import java.net.http.HttpClient;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client behind every {@code RestClient} (LLM providers, Jira). The JDK client would try to upgrade
 * plain-HTTP connections to HTTP/2; local servers such as Ollama or a proxy in between often break on that
 * upgrade, so connections stay on HTTP/1.1. Timeouts come from {@code spring.http.client.*}.
 */
@Configuration(proxyBeanMethods = false)
class HttpClientConfiguration {

    @Bean
    ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder() {
        JdkClientHttpRequestFactoryBuilder jdk = ClientHttpRequestFactoryBuilder.jdk();
        return jdk.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1));
    }
}
