package io.ticketsmith.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jira project a request names as the place for its issue: "for WEB", "in project WEB", "WEB project",
 * "im Projekt WEB", or an issue key such as "WEB-12". Only keys written in capitals count, so the word "web"
 * never becomes the project WEB.
 *
 * <p>With allowed projects configured, a key counts only when it is one of them, and then a preposition in front
 * ("for", "in", "to", "für", ...) is evidence enough. Without that list nothing vouches for a key, and requests
 * are full of capitalised abbreviations ("for all EU customers", "in the API"), so only the explicit forms count
 * ("project X", "X project", an issue key), and well-known abbreviations never do.
 */
final class ProjectKeyFinder {

    /** Jira's default project key format: a capital letter, then capitals, digits or _, at most ten in all. */
    private static final String KEY = "([A-Z][A-Z0-9_]{1,9})";
    private static final String BEFORE_KEY = "(?<![\\p{L}\\d_-])";
    private static final String AFTER_KEY = "(?![\\p{L}\\d_])";

    private static final Pattern PROJECT_THEN_KEY = Pattern.compile(
            "(?i:(?<![\\p{L}])proje[ck]t)[ \\t]*:?[ \\t]+" + KEY + AFTER_KEY);
    private static final Pattern KEY_THEN_PROJECT = Pattern.compile(
            BEFORE_KEY + KEY + "(?:[ \\t]+|-)(?i:proje[ck]t)(?![\\p{L}])");
    private static final Pattern ISSUE_KEY = Pattern.compile(BEFORE_KEY + KEY + "-[1-9][0-9]*" + AFTER_KEY);
    private static final Pattern PREPOSITION_THEN_KEY = Pattern.compile(
            "(?i:(?<![\\p{L}])(?:for|in|into|to|für|im|ins|nach))[ \\t]+" + KEY + AFTER_KEY);

    /**
     * Abbreviations that look like project keys but name something else; they are only trusted when an allowed
     * project has exactly that key. "PR-12" is a pull request and "UTF-8" an encoding, not issues.
     */
    private static final Set<String> NOT_PROJECTS = Set.of(
            "EU", "US", "USA", "UK", "DE", "AT", "CH", "EMEA", "APAC",
            "API", "NPE", "URL", "URI", "HTTP", "HTTPS", "PDF", "CSV", "XML", "JSON", "HTML", "CSS", "SQL", "UI", "UX",
            "ASAP", "FYI", "ETA", "SLA", "TODO", "OK", "PS", "NB", "AM", "PM",
            "IT", "HR", "QA", "PR", "CEO", "CTO", "CFO", "VIP",
            "ID", "IP", "DNS", "TLS", "SSL", "SSO", "MFA", "VPN", "SMS", "CPU", "RAM", "OS", "IOS", "SDK", "CLI", "JVM",
            "AWS", "GCP", "UTF", "ISO", "SHA", "AES", "RSA", "RFC", "CVE", "COVID", "MP",
            "GDPR", "DSGVO", "EUR", "USD", "GBP", "CHF", "UTC", "GMT", "CET", "CEST", "MEZ");

    private ProjectKeyFinder() {
    }

    /**
     * @param text            the request text
     * @param allowedProjects the projects actions may touch; empty when every project is allowed
     * @return the first project the text names that may be used, in the spelling of the allowed list
     */
    static Optional<String> find(String text, Collection<String> allowedProjects) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Collection<String> allowed = allowedProjects == null ? List.of() : allowedProjects;
        List<Pattern> patterns = allowed.isEmpty()
                ? List.of(PROJECT_THEN_KEY, KEY_THEN_PROJECT, ISSUE_KEY)
                : List.of(PROJECT_THEN_KEY, KEY_THEN_PROJECT, ISSUE_KEY, PREPOSITION_THEN_KEY);
        List<Candidate> candidates = new ArrayList<>();
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                candidates.add(new Candidate(matcher.start(1), matcher.group(1)));
            }
        }
        return candidates.stream()
                .sorted(Comparator.comparingInt(Candidate::position))
                .map(candidate -> accepted(candidate.key(), allowed))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> accepted(String key, Collection<String> allowedProjects) {
        if (allowedProjects.isEmpty()) {
            return NOT_PROJECTS.contains(key) ? Optional.empty() : Optional.of(key);
        }
        return allowedProjects.stream()
                .filter(allowed -> allowed != null && allowed.trim().equalsIgnoreCase(key))
                .map(allowed -> allowed.trim().toUpperCase(Locale.ROOT))
                .findFirst();
    }

    private record Candidate(int position, String key) {
    }
}
