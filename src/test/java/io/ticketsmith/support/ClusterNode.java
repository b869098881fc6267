package io.ticketsmith.support;

import java.util.ArrayList;
import java.util.List;

import io.ticketsmith.TicketsmithApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A node of a cluster in this JVM: the application of the postgres profile on a shared database, as arguments set it. */
public final class ClusterNode {

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
                .run(arguments.toArray(String[]::new));
    }
}
