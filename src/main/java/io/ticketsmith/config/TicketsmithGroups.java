package io.ticketsmith.config;

/** The Camunda groups Ticketsmith's roles are built on; the same ids are Spring Security roles. */
public final class TicketsmithGroups {

    public static final String ADMINS = "camunda-admin";
    public static final String REVIEWERS = "reviewers";
    public static final String LEADS = "leads";
    public static final String PROCESS_OWNERS = "process-owners";
    public static final String AUDITORS = "auditors";
    public static final String OPERATORS = "operators";
    /** API clients and integrations (the Jira webhook) that submit requests; may start them and nothing else. */
    public static final String API_CLIENTS = "api";
    /** Reads actuator endpoints (the Prometheus scraper); no rights in the engine. */
    public static final String MONITORING = "monitoring";

    private TicketsmithGroups() {
    }
}
