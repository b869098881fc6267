package io.ticketsmith.config;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Run in a JVM of its own by {@link HttpClientConfigurationTest}: sends 50 POSTs through the product's request factory
 * to a local server and prints how many threads the JVM started meanwhile.
 */
public final class PostThreadCount {

    private PostThreadCount() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        try {
            RestClient client = RestClient.builder()
                    .requestFactory(HttpClientConfiguration.requestFactoryBuilder().build())
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build();
            for (int i = 0; i < 5; i++) {
                post(client, i);
            }
            long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
            for (int i = 0; i < 50; i++) {
                if (!"ok".equals(post(client, i))) {
                    throw new IllegalStateException("unexpected answer");
                }
            }
            System.out.println("started " + (ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before));
        } finally {
            server.stop(0);
        }
    }

    private static String post(RestClient client, int i) {
        return client.post().uri("/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body("{\"n\":" + i + "}").retrieve().body(String.class);
    }
}
