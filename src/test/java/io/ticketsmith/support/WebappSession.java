package io.ticketsmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A login to one of the Camunda webapps, made the way its login page does: cookies and the CSRF token. */
public record WebappSession(String cookies, String csrfToken) {

    /** Logs in as the webapps' login page does (CSRF token from the page, then the form). */
    public static WebappSession login(TestRestTemplate rest, String userId, String password, String app) {
        Map<String, String> cookies = new LinkedHashMap<>();
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
        remember(cookies, page);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", userId);
        form.add("password", password);
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookieHeader(cookies));
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        ResponseEntity<String> response = rest.postForEntity("/camunda/api/admin/auth/user/default/login/" + app,
                new HttpEntity<>(form, headers), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        remember(cookies, response);
        // The login starts a new session with a new CSRF token, which the app picks up with its next call.
        HttpHeaders session = new HttpHeaders();
        session.add(HttpHeaders.COOKIE, cookieHeader(cookies));
        remember(cookies, rest.exchange("/camunda/api/admin/auth/user/default", org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(session), String.class));
        return new WebappSession(cookieHeader(cookies), cookies.get("XSRF-TOKEN"));
    }

    /** Headers a page of the webapp sends: its cookies and, for changing calls, the CSRF token. */
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookies);
        if (csrfToken != null) {
            headers.add("X-XSRF-TOKEN", csrfToken);
        }
        return headers;
    }

    private static void remember(Map<String, String> cookies, ResponseEntity<String> response) {
        List<String> setCookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        if (setCookies != null) {
            setCookies.stream().map(cookie -> cookie.split(";", 2)[0].split("=", 2))
                    .forEach(pair -> cookies.put(pair[0], pair.length > 1 ? pair[1] : ""));
        }
    }

    private static String cookieHeader(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("; "));
    }
}
