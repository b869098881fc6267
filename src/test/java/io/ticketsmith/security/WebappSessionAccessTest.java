package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.support.WebappSession;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A webapp login (the Cockpit plugin's only credential) opens the API for reading and nothing more, and the
 * decision record follows the engine's READ_HISTORY authorization.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class WebappSessionAccessTest {

    private static final String UNKNOWN_RECORD = "/api/requests/00000000-0000-0000-0000-000000000000/record";

    @Autowired TestRestTemplate rest;
    @Autowired IdentityService identityService;
    @Autowired AuthorizationService authorizationService;

    @Test
    void auditorLoggedInToCockpitReadsTheDecisionRecordEndpoint() {
        String session = login("auditor", "demo", "cockpit");

        assertThat(get(UNKNOWN_RECORD, session).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(UNKNOWN_RECORD, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void apiClientsCannotLogInToTheWebapps() {
        for (String app : java.util.List.of("welcome", "tasklist", "cockpit")) {
            ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
            String xsrf = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                    .filter(cookie -> cookie.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                    .split(";", 2)[0].substring("XSRF-TOKEN=".length());
            HttpHeaders headers = new HttpHeaders();
            headers.add(HttpHeaders.COOKIE, String.join("; ", page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                    .map(cookie -> cookie.split(";", 2)[0]).toList()));
            headers.add("X-XSRF-TOKEN", xsrf);
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

            ResponseEntity<String> login = rest.postForEntity("/camunda/api/admin/auth/user/default/login/" + app,
                    new HttpEntity<>("username=intake&password=demo", headers), String.class);

            assertThat(login.getStatusCode()).as(app).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(java.util.Objects.requireNonNullElse(login.getHeaders().get(HttpHeaders.SET_COOKIE),
                    java.util.List.<String>of())).as("no session for an API client")
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
        }
        // The same page and form log a person in.
        assertThat(WebappSession.login(rest, "reviewer", "demo", "tasklist").cookies()).contains("JSESSIONID=");
    }

    @Test
    void webappSessionNeverSubmitsRequests() {
        String session = login("admin", "demo", "welcome");
        HttpHeaders headers = headers(session);
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<String> response = rest.exchange("/api/requests", HttpMethod.POST,
                new HttpEntity<>(Map.of("text", "Please create a bug for WEB"), headers), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void cockpitRunsAWhatIfReplayWithItsLoginOnlyWhenItSendsTheSessionsCsrfToken() {
        WebappSession auditor = WebappSession.login(rest, "auditor", "demo", "cockpit");
        Map<String, Object> replay = Map.of("currentFile", true);

        HttpHeaders withoutToken = new HttpHeaders();
        withoutToken.add(HttpHeaders.COOKIE, auditor.cookies());
        withoutToken.setContentType(MediaType.APPLICATION_JSON);
        HttpHeaders wrongToken = new HttpHeaders();
        wrongToken.addAll(withoutToken);
        wrongToken.add("X-XSRF-TOKEN", "not-the-sessions-token");
        HttpHeaders page = auditor.headers();
        page.setContentType(MediaType.APPLICATION_JSON);

        assertThat(rest.exchange("/api/replays", HttpMethod.POST, new HttpEntity<>(replay, withoutToken), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.exchange("/api/replays", HttpMethod.POST, new HttpEntity<>(replay, wrongToken), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> run = rest.exchange("/api/replays", HttpMethod.POST, new HttpEntity<>(replay, page),
                String.class);
        assertThat(run.getStatusCode().is2xxSuccessful()).as(run.getBody()).isTrue();
        // The token opens that one read, nothing that changes anything.
        assertThat(rest.exchange("/api/requests", HttpMethod.POST, new HttpEntity<>(Map.of("text", "Create a bug"), page),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void webappSessionDoesNotOpenTheActuator() {
        String session = login("operator", "demo", "cockpit");

        assertThat(get("/actuator/prometheus", session).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void reviewerLoggedInToTasklistGetsNoDecisionRecord() {
        String session = login("reviewer", "demo", "tasklist");

        assertThat(get(UNKNOWN_RECORD, session).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void auditorWhoseHistoryRightIsRevokedGetsNoDecisionRecord() {
        String userId = "revokedauditor" + System.nanoTime();
        User user = identityService.newUser(userId);
        user.setPassword("secret-" + userId);
        identityService.saveUser(user);
        identityService.createMembership(userId, TicketsmithGroups.AUDITORS);
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(userId);
        revoke.setResource(Resources.PROCESS_DEFINITION);
        revoke.setResourceId(HandleRequestProcess.KEY);
        revoke.removePermission(ProcessDefinitionPermissions.READ_HISTORY);
        authorizationService.saveAuthorization(revoke);

        ResponseEntity<String> response = rest.withBasicAuth(userId, "secret-" + userId)
                .getForEntity(UNKNOWN_RECORD, String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("READ_HISTORY");
    }

    private String login(String userId, String password, String app) {
        return WebappSession.login(rest, userId, password, app).cookies();
    }

    private ResponseEntity<String> get(String path, String session) {
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(session)), String.class);
    }

    private static HttpHeaders headers(String session) {
        HttpHeaders headers = new HttpHeaders();
        if (session != null) {
            headers.add(HttpHeaders.COOKIE, session);
        }
        return headers;
    }
}
