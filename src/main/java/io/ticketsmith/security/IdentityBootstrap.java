package io.ticketsmith.security;

import static io.ticketsmith.security.TicketsmithGroups.API_CLIENTS;
import static io.ticketsmith.security.TicketsmithGroups.AUDITORS;
import static io.ticketsmith.security.TicketsmithGroups.LEADS;
import static io.ticketsmith.security.TicketsmithGroups.MONITORING;
import static io.ticketsmith.security.TicketsmithGroups.OPERATORS;
import static io.ticketsmith.security.TicketsmithGroups.PROCESS_OWNERS;
import static io.ticketsmith.security.TicketsmithGroups.REVIEWERS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Ticketsmith's groups, their authorizations and the Tasklist filters when the engine starts,
 * and in the embedded demo also the demo users. Everything is created only when missing, so changes an
 * administrator makes in the Admin webapp survive a restart.
 */
class IdentityBootstrap extends AbstractCamundaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    static final String DEMO_PASSWORD = "demo";
    static final String REVIEW_TASKS_FILTER = "Review tasks for my groups";
    static final String MY_TASKS_FILTER = "My tasks";

    private static final Map<String, String> GROUP_NAMES = Map.of(
            REVIEWERS, "Reviewers",
            LEADS, "Leads",
            PROCESS_OWNERS, "Process owners",
            AUDITORS, "Auditors",
            OPERATORS, "Operators",
            API_CLIENTS, "API clients",
            MONITORING, "Monitoring");

    private record DemoUser(String id, String firstName, String lastName, String groupId) {
    }

    /** The admin comes from camunda.bpm.admin-user. */
    private static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("reviewer", "Riley", "Reviewer", REVIEWERS),
            new DemoUser("lead", "Lee", "Lead", LEADS),
            new DemoUser("owner", "Olivia", "Owner", PROCESS_OWNERS),
            new DemoUser("auditor", "Avery", "Auditor", AUDITORS),
            new DemoUser("operator", "Oscar", "Operator", OPERATORS),
            new DemoUser("intake", "Ivy", "Intake", API_CLIENTS));

    private record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
        static Grant of(String groupId, Resource resource, String resourceId, Permission... permissions) {
            return new Grant(groupId, resource, resourceId, List.of(permissions));
        }
    }

    private static final List<Grant> GRANTS = List.of(
            // API clients submit requests through POST /api/requests (per-client external ids, rate limits) and
            // have no rights in the engine: the engine REST API's start would go around both.

            // Reviewers and leads work review tasks in Tasklist. They may read tasks and complete them
            // where they are candidates: the engine grants that per task when it adds the candidate group.
            Grant.of(REVIEWERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            Grant.of(REVIEWERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ),
            Grant.of(LEADS, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            Grant.of(LEADS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ),
            // They may also submit a request themselves from Tasklist's "Start process".
            Grant.of(REVIEWERS, Resources.PROCESS_DEFINITION, HandleRequestProcess.KEY,
                    ProcessDefinitionPermissions.CREATE_INSTANCE),
            Grant.of(LEADS, Resources.PROCESS_DEFINITION, HandleRequestProcess.KEY,
                    ProcessDefinitionPermissions.CREATE_INSTANCE),
            Grant.of(REVIEWERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE),
            Grant.of(LEADS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE),

            // Process owners deploy models from Camunda Modeler and read what is deployed.
            Grant.of(PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
            Grant.of(PROCESS_OWNERS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ),
            Grant.of(PROCESS_OWNERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ),
            Grant.of(PROCESS_OWNERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ),
            Grant.of(PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ),

            // Auditors read everything, runtime and history, and change nothing.
            Grant.of(AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
            Grant.of(AUDITORS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK),
            Grant.of(AUDITORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ),
            Grant.of(AUDITORS, Resources.TASK, ANY, Permissions.READ),
            Grant.of(AUDITORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY),
            Grant.of(AUDITORS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ),
            Grant.of(AUDITORS, Resources.DEPLOYMENT, ANY, Permissions.READ),
            Grant.of(AUDITORS, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ),

            // Operators watch the engine and resolve incidents (retry jobs), nothing more.
            Grant.of(OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
            Grant.of(OPERATORS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.RETRY_JOB),
            Grant.of(OPERATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
                    ProcessInstancePermissions.RETRY_JOB),
            Grant.of(OPERATORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY),
            Grant.of(OPERATORS, Resources.DEPLOYMENT, ANY, Permissions.READ),
            Grant.of(OPERATORS, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ));

    /** What earlier versions granted and this one takes back from existing installations. */
    private static final List<Grant> REVOKED = List.of(
            Grant.of(API_CLIENTS, Resources.PROCESS_DEFINITION, HandleRequestProcess.KEY),
            Grant.of(API_CLIENTS, Resources.PROCESS_INSTANCE, ANY));

    private final SecurityProperties properties;

    IdentityBootstrap(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        IdentityService identityService = processEngine.getIdentityService();
        AuthorizationService authorizationService = processEngine.getAuthorizationService();
        GROUP_NAMES.forEach((id, name) -> createGroupIfMissing(identityService, id, name));
        GRANTS.forEach(grant -> grantIfMissing(authorizationService, grant));
        REVOKED.forEach(grant -> revokeIfPresent(authorizationService, grant));
        createTaskFilters(processEngine.getFilterService(), processEngine.getTaskService(), authorizationService);
        SecurityProperties.MetricsUser metricsUser = properties.metricsUser();
        if (metricsUser != null && metricsUser.isConfigured()) {
            createUserIfMissing(identityService, metricsUser.id(), "Metrics", "Scraper", metricsUser.password(), MONITORING);
        }
        if (properties.demoUsers()) {
            DEMO_USERS.forEach(user -> createUserIfMissing(identityService, user.id(), user.firstName(), user.lastName(),
                    DEMO_PASSWORD, user.groupId()));
            log.warn("Demo users reviewer, lead, owner, auditor and operator exist with the password '{}'; "
                    + "never use this configuration in production", DEMO_PASSWORD);
        }
    }

    private static void createGroupIfMissing(IdentityService identityService, String groupId, String name) {
        if (identityService.createGroupQuery().groupId(groupId).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(groupId);
        group.setName(name);
        group.setType("WORKFLOW");
        identityService.saveGroup(group);
        log.info("Created group {}", groupId);
    }

    private static void revokeIfPresent(AuthorizationService authorizationService, Grant grant) {
        for (Authorization authorization : authorizationService.createAuthorizationQuery().groupIdIn(grant.groupId())
                .resourceType(grant.resource()).resourceId(grant.resourceId()).list()) {
            authorizationService.deleteAuthorization(authorization.getId());
            log.info("Revoked what earlier versions granted {} on {} {}", grant.groupId(), grant.resource().resourceName(),
                    grant.resourceId());
        }
    }

    private static void grantIfMissing(AuthorizationService authorizationService, Grant grant) {
        boolean exists = authorizationService.createAuthorizationQuery()
                .groupIdIn(grant.groupId())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(grant.groupId());
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
        grant.permissions().forEach(authorization::addPermission);
        authorizationService.saveAuthorization(authorization);
    }

    private static void createTaskFilters(FilterService filterService, TaskService taskService,
                                          AuthorizationService authorizationService) {
        // currentUserGroups() is a list, so the query takes it as "candidate group in", never as one group.
        TaskQuery reviewTasks = taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks().orderByTaskPriority().desc().orderByDueDate().asc();
        createFilterIfMissing(filterService, authorizationService, REVIEW_TASKS_FILTER, -10,
                "Open review tasks offered to your groups, most urgent first", reviewTasks);
        repairReviewTasksFilter(filterService, reviewTasks);
        createFilterIfMissing(filterService, authorizationService, MY_TASKS_FILTER, -5,
                "Tasks you have claimed",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                        .orderByDueDate().asc());
    }

    /**
     * Earlier versions created the review filter with a single-group expression, which fails for every user
     * ("argument type mismatch"); such a filter gets the working query, anything else is left as it is.
     */
    private static void repairReviewTasksFilter(FilterService filterService, TaskQuery reviewTasks) {
        for (Filter filter : filterService.createFilterQuery().filterName(REVIEW_TASKS_FILTER).list()) {
            if (filter.getQuery() instanceof TaskQueryImpl query
                    && query.getExpressions().containsKey("taskCandidateGroup")) {
                Map<String, Object> properties = filterProperties(-10, (String) filter.getProperties()
                        .getOrDefault("description", "Open review tasks offered to your groups, most urgent first"));
                filterService.saveFilter(filter.setQuery(reviewTasks).setProperties(properties));
                log.info("Repaired Tasklist filter '{}': it now lists tasks of all the user's groups", REVIEW_TASKS_FILTER);
            }
        }
    }

    /**
     * Every review task has the same name, so the list shows each request's summary, category and urgency
     * under it (values the product wrote; Tasklist shows them as text).
     */
    private static Map<String, Object> filterProperties(int priority, String description) {
        List<Map<String, String>> shown = HandleRequestProcess.Variables.REVIEW_TASK_CARD.stream()
                .map(variable -> Map.of("name", variable.name(),
                        "label", Character.toUpperCase(variable.name().charAt(0)) + variable.name().substring(1)))
                .toList();
        return Map.of("priority", priority, "description", description, "refresh", true,
                "showUndefinedVariable", false, "variables", shown);
    }

    private static void createFilterIfMissing(FilterService filterService, AuthorizationService authorizationService,
                                              String name, int priority, String description, TaskQuery query) {
        if (filterService.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filterService.newTaskFilter(name)
                .setProperties(filterProperties(priority, description))
                .setQuery(query);
        filterService.saveFilter(filter);
        for (String groupId : List.of(REVIEWERS, LEADS)) {
            Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(Resources.FILTER);
            authorization.setResourceId(filter.getId());
            authorization.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(authorization);
        }
        log.info("Created Tasklist filter '{}'", name);
    }

    private static void createUserIfMissing(IdentityService identityService, String userId, String firstName,
                                            String lastName, String password, String groupId) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User user = identityService.newUser(userId);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(userId + "@ticketsmith.example");
            user.setPassword(password);
            identityService.saveUser(user);
        }
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
