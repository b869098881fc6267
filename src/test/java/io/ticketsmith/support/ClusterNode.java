package io.ticketsmith.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.ticketsmith.TicketsmithApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/** A node of a cluster in this JVM: the application of the postgres profile on a shared database, as arguments set it. */
public final class ClusterNode {

    /**
     * Held by a node from its start until its context is prepared. Logging is set up in that stretch, on the one
     * logger context of the JVM; two nodes doing it at the same moment can find the context reset by the other
     * ("Unable to find Spring Environment in logger context"). The nodes still start their engines, and race for the
     * database, together.
     */
    private static final ReentrantLock LOGGING_SET_UP = new ReentrantLock();

    private ClusterNode() {
    }

    /**
     * @param node     the node's name, which is its engine's name too (engines in one JVM need their own)
     * @param url      the shared database, see {@link PostgresTestDatabase#fresh}
     * @param settings more {@code --property=value} arguments
     */
    public static ConfigurableApplicationContext start(String node, String url, String... settings) {
        // Arguments, as an operator passes them: they take precedence over the profile's settings.
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password(),
                "--server.port=0",
                "--camunda.bpm.process-engine-name=" + node,
                "--camunda.bpm.admin-user.id=itadmin",
                "--camunda.bpm.admin-user.password=admin-" + url.hashCode(),
                "--ticketsmith.models.watch=false"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(TicketsmithApplication.class).profiles("postgres")
                .listeners(new OneLoggingSetUpAtATime())
                .run(arguments.toArray(String[]::new));
    }

    private static final class OneLoggingSetUpAtATime implements ApplicationListener<SpringApplicationEvent>, Ordered {

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationStartingEvent) {
                LOGGING_SET_UP.lock();
            } else if ((event instanceof ApplicationPreparedEvent || event instanceof ApplicationFailedEvent)
                    && LOGGING_SET_UP.isHeldByCurrentThread()) {
                LOGGING_SET_UP.unlock();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
