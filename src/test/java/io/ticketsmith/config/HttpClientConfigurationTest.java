package io.ticketsmith.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

class HttpClientConfigurationTest {

    /**
     * A kept-alive connection that the far end closes just as the next POST goes out on it (a load balancer closing
     * an idle connection at the same moment, as in front of Jira Cloud): nothing of an answer arrives, so the POST
     * never reached the service and is sent again on a new connection instead of failing.
     */
    @Test
    void postOnAConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<String> received = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread serving = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket socket = server.accept()) {
                        connections.incrementAndGet();
                        received.add(readRequest(socket));
                        OutputStream out = socket.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (i == 0) {
                            // The next request arrives on the kept connection and is dropped with it, unanswered.
                            received.add(readRequest(socket));
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            serving.setDaemon(true);
            serving.start();
            RestClient client = RestClient.builder()
                    .requestFactory(new HttpClientConfiguration().clientHttpRequestFactoryBuilder().build())
                    .baseUrl("http://127.0.0.1:" + server.getLocalPort()).build();

            String first = client.post().uri("/rest/api/3/issue/WEB-1/comment").contentType(MediaType.APPLICATION_JSON)
                    .body("{\"body\":\"first\"}").retrieve().body(String.class);
            Thread.sleep(300);
            String second = client.post().uri("/rest/api/3/issue/WEB-1/comment").contentType(MediaType.APPLICATION_JSON)
                    .body("{\"body\":\"second\"}").retrieve().body(String.class);

            assertThat(first).isEqualTo("ok");
            assertThat(second).isEqualTo("ok");
            assertThat(connections).hasValue(2);
            assertThat(received).hasSize(3).allMatch(request -> request.startsWith("POST "));
        }
    }

    private static String readRequest(Socket socket) throws Exception {
        // Unbuffered beyond the request: a second request on the same connection is read by the next call.
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), 1);
        String requestLine = reader.readLine();
        int length = 0;
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += reader.read(body, read, length - read);
        }
        return requestLine;
    }
}
