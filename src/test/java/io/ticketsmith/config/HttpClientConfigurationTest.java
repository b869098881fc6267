package io.ticketsmith.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * On a machine with two CPUs, every POST started a thread and ended it: Spring's JDK request factory writes the
     * body on the client's executor (without one, on a new thread), and the JDK client completes each {@code sendAsync}
     * on {@code CompletableFuture}'s default executor, which starts a thread per task when the common pool has fewer
     * than two threads. Measured in JVMs of their own that see two CPUs: as the application starts, and with the common
     * pool left at the JDK's one thread.
     */
    @Test
    void postsReuseThreadsOnAMachineWithTwoCpus() throws Exception {
        assertThat(threadsStartedFor50Posts()).isLessThan(10);
        assertThat(threadsStartedFor50Posts("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"))
                .as("with the JDK's common pool of one thread").isGreaterThanOrEqualTo(50);
    }

    private static long threadsStartedFor50Posts(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:ActiveProcessorCount=2");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PostThreadCount.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Matcher started = Pattern.compile("(?m)^started (\\d+)$").matcher(output);
        assertThat(started.find()).as(output).isTrue();
        return Long.parseLong(started.group(1));
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
