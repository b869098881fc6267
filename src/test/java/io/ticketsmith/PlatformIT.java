package io.ticketsmith;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.ticketsmith.security.ModelerDeployment;
import io.ticketsmith.support.PostgresTestDatabase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The production profile on a real PostgreSQL: administrator from the environment, no demo users,
 * users created through the engine REST API as an administrator would, webapps, health and the
 * access rules for Modeler deployments.
 */
// Closed after the class: each integration test holds a pool of PostgreSQL connections, and kept open together
// they would use up the server's connections.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ActiveProfiles("postgres")
class PlatformIT {

    private static final String ADMIN = "itadmin";
    private static final String ADMIN_PASSWORD = "it-" + System.nanoTime();
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() { };

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry, "ticketsmith_platform_it");
        // What CAMUNDA_BPM_ADMIN_USER_ID and CAMUNDA_BPM_ADMIN_USER_PASSWORD provide in production.
        registry.add("camunda.bpm.admin-user.id", () -> ADMIN);
        registry.add("camunda.bpm.admin-user.password", () -> ADMIN_PASSWORD);
        registry.add("ticketsmith.security.metrics-user.id", () -> "scraper");
        registry.add("ticketsmith.security.metrics-user.password", () -> "scrape-secret");
    }

    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void createStaff() {
        createUser("ritareviewer", "reviewers");
        createUser("oscarowner", "process-owners");
    }

    @Test
    void healthReportsPostgresAndTheEngine() {
        ResponseEntity<Map<String, Object>> health = admin().exchange("/actuator/health", HttpMethod.GET, null, JSON_OBJECT);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
        assertThat(health.getBody().toString()).contains("PostgreSQL").contains("processEngine").contains("jobExecutor");
    }

    @Test
    void prometheusServesEngineAndJvmMetricsToTheAdministrator() {
        String metrics = admin().getForObject("/actuator/prometheus", String.class);

        assertThat(metrics).contains("jvm_memory_used_bytes", "camunda_process_instances_active",
                "camunda_job_acquisition_attempts_total", "hikaricp_connections_active");
    }

    @Test
    void metricsUserFromTheEnvironmentScrapesPrometheusAndNothingElse() {
        TestRestTemplate scraper = rest.withBasicAuth("scraper", "scrape-secret");

        assertThat(scraper.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scraper.getForEntity("/engine-rest/deployment/create", String.class).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(ModelerDeployment.deploy(scraper, "it-scraper-upload").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void webappsAreServedAndTheAdministratorCanLogInToCockpit() {
        for (String app : List.of("tasklist", "cockpit", "admin")) {
            ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
            assertThat(page.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
            assertThat(page.getBody()).as(app).containsIgnoringCase("<html");
        }

        ResponseEntity<Map<String, Object>> login = webappLogin(ADMIN, ADMIN_PASSWORD, "cockpit");

        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(login.getBody()).containsEntry("userId", ADMIN);
        assertThat(login.getBody().get("authorizedApps").toString()).contains("cockpit", "tasklist", "admin");
    }

    @Test
    void reviewerLogsInToTasklistButNotToCockpit() {
        Map<String, Object> login = webappLogin("ritareviewer", "secret", "tasklist").getBody();

        assertThat(login.get("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit");
    }

    @Test
    void thereAreNoDemoUsersInTheProductionProfile() {
        assertThat(rest.withBasicAuth("admin", "demo").getForEntity("/engine-rest/user", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        List<Map<String, Object>> users = admin().exchange("/engine-rest/user", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        assertThat(users).extracting(user -> user.get("id")).doesNotContain("admin", "reviewer", "owner", "auditor");
    }

    @Test
    void engineRestNeedsCredentialsAndAuthorizations() {
        assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        Map<String, Object> intruder = Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "x"));
        assertThat(rest.withBasicAuth("ritareviewer", "secret").postForEntity("/engine-rest/user/create", json(intruder),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("ritareviewer", "secret").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void processOwnerDeploysFromModelerAndReviewerIsRefused() {
        ResponseEntity<String> byOwner = ModelerDeployment.deploy(rest.withBasicAuth("oscarowner", "secret"), "it-owner-upload");
        ResponseEntity<String> byReviewer = ModelerDeployment.deploy(rest.withBasicAuth("ritareviewer", "secret"), "it-reviewer-upload");

        assertThat(byOwner.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(byOwner.getBody()).contains("it-owner-upload");
        assertThat(byReviewer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byReviewer.getBody()).contains("CREATE").contains("Deployment");
    }

    private TestRestTemplate admin() {
        return rest.withBasicAuth(ADMIN, ADMIN_PASSWORD);
    }

    private void createUser(String userId, String groupId) {
        if (admin().getForEntity("/engine-rest/user/" + userId + "/profile", String.class).getStatusCode().is2xxSuccessful()) {
            return;
        }
        Map<String, Object> user = Map.of(
                "profile", Map.of("id", userId, "firstName", userId, "lastName", "Test", "email", userId + "@example.com"),
                "credentials", Map.of("password", "secret"));
        assertThat(admin().postForEntity("/engine-rest/user/create", json(user), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(admin().exchange("/engine-rest/group/" + groupId + "/members/" + userId, HttpMethod.PUT, null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** Logs in as the webapp's login page does: fetch the CSRF cookie, then post the form with its token. */
    private ResponseEntity<Map<String, Object>> webappLogin(String userId, String password, String app) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
        List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.split(";", 2)[0])
                .toList();
        String csrfToken = cookies.stream().filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
                .map(cookie -> cookie.substring("XSRF-TOKEN=".length()))
                .findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie from the " + app + " page"));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", userId);
        form.add("password", password);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.put(HttpHeaders.COOKIE, List.of(String.join("; ", cookies)));
        headers.add("X-XSRF-TOKEN", csrfToken);
        return rest.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
                new HttpEntity<>(form, headers), JSON_OBJECT);
    }

    private static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
