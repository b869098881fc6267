package io.ticketsmith.reply;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticketsmith.analysis.ProposedAction;

/**
 * Checks a draft reply before anyone sees it, and again as approved:
 * <ul>
 *   <li>{@value #TEMPLATE_GAP}: a gap left for someone to fill in ({@code [Your Name]}, {@code {{date}}}, XXX, TBD)
 *       — blocking;</li>
 *   <li>{@value #OTHER_PERSON}: a redaction placeholder that stands for someone else's data than the addressee's
 *       (a colleague's phone, another customer's address) — blocking, the reply would hand it out;</li>
 *   <li>{@value #UNRESOLVED}: the addressee's own placeholder (a greeting's {@code [NAME_1]}) where personal data is
 *       not put back after approval, so the requester would read the placeholder — blocking;</li>
 *   <li>{@value #PERSONAL_DATA}: personal data written out in the text (an address, a number, a name) — a warning,
 *       since a reviewer may have typed the addressee's own name;</li>
 *   <li>{@value #TOO_SHORT} and {@value #TOO_LONG}: outside the configured lengths — warnings;</li>
 *   <li>{@value #FORBIDDEN_PHRASE}: a phrase of the process owner's reply rules — blocking or a warning, as the rule
 *       says;</li>
 *   <li>{@value #LINK_NOT_ALLOWED}: a link to a host not in {@code ticketsmith.safety.allowed-link-hosts} —
 *       blocking, it would reach the requester defanged or lead them somewhere nobody vouched for.</li>
 * </ul>
 * It knows nothing of the engine; {@link ReplyChecks} gives it a request's context.
 */
public final class ReplyValidator {

    public static final String TEMPLATE_GAP = "TEMPLATE_GAP";
    public static final String OTHER_PERSON = "OTHER_PERSON";
    public static final String UNRESOLVED = "UNRESOLVED";
    public static final String PERSONAL_DATA = "PERSONAL_DATA";
    public static final String TOO_SHORT = "TOO_SHORT";
    public static final String TOO_LONG = "TOO_LONG";
    public static final String FORBIDDEN_PHRASE = "FORBIDDEN_PHRASE";
    public static final String LINK_NOT_ALLOWED = "LINK_NOT_ALLOWED";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[(EMAIL|PHONE|CARD|IBAN|SSN|IP|SECRET|NAME)_\\d+]");
    private static final Pattern NAME_PLACEHOLDER = Pattern.compile("\\[NAME_\\d+]");
    private static final List<Pattern> GAPS = List.of(
            // [Your Name], [customer name], [insert date] — not a redaction placeholder, nor a markdown link's text
            Pattern.compile("\\[(?!(?:EMAIL|PHONE|CARD|IBAN|SSN|IP|SECRET|NAME)_\\d+])[^\\]\\n]{1,40}](?!\\()"),
            Pattern.compile("\\{\\{[^}\\n]{0,40}}}"),
            Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_ ]{0,30}}"),
            Pattern.compile("<(?:your|insert|customer|agent|name|date|time|company|first|last)[^>\\n]{0,30}>",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?<![\\p{L}\\d])(?:XXX+|TBD|TODO|FIXME|PLACEHOLDER)(?![\\p{L}\\d])"),
            Pattern.compile("lorem ipsum", Pattern.CASE_INSENSITIVE));
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"')\\]]+");

    private final Rules rules;
    private final Function<String, Map<String, Integer>> personalData;

    /**
     * @param personalData the kinds of personal data written out in a text and how many of each (the redactor's
     *                     counts); placeholders are not personal data written out
     */
    public ReplyValidator(Rules rules, Function<String, Map<String, Integer>> personalData) {
        this.rules = rules;
        this.personalData = personalData;
    }

    /**
     * @param reply     the action's position, from 1
     * @param addressee the placeholders that stand for the addressee (the reporter's, the reply's {@code to}); a
     *                  name placeholder in the greeting line is taken as the addressee's too
     * @param resolved  the placeholders that are put back after approval (empty when that is off)
     */
    public List<ReplyFinding> check(int reply, ProposedAction action, Collection<String> addressee,
            Collection<String> resolved) {
        List<ReplyFinding> findings = new ArrayList<>();
        String body = action.body() == null ? "" : action.body();
        String subject = action.subject() == null ? "" : action.subject();
        String text = subject + "\n" + body;
        gaps(reply, text, findings);
        placeholders(reply, body, text, addressee, resolved, findings);
        String unsigned = withoutSignatures(body);
        Map<String, Integer> written = personalData.apply(subject + "\n" + unsigned);
        if (!written.isEmpty()) {
            findings.add(new ReplyFinding(reply, PERSONAL_DATA, "personal data is written out ("
                    + String.join(", ", written.keySet().stream().sorted().map(kind -> kind.toLowerCase(Locale.ROOT))
                            .toList())
                    + "): check it is the addressee's own", false));
        }
        int length = body.strip().length();
        if (length < rules.minLength()) {
            findings.add(new ReplyFinding(reply, TOO_SHORT, "the reply has " + length + " characters, fewer than "
                    + rules.minLength(), false));
        }
        if (length > rules.maxLength()) {
            findings.add(new ReplyFinding(reply, TOO_LONG, "the reply has " + length + " characters, more than "
                    + rules.maxLength(), false));
        }
        for (ForbiddenPhrase phrase : rules.phrases()) {
            if (phrase.foundIn(text)) {
                findings.add(new ReplyFinding(reply, FORBIDDEN_PHRASE, "it says \"" + phrase.phrase().strip() + "\": "
                        + (phrase.reason() == null || phrase.reason().isBlank() ? "not allowed in replies"
                                : phrase.reason()), phrase.block()));
            }
        }
        links(reply, text, findings);
        return findings;
    }

    private static void gaps(int reply, String text, List<ReplyFinding> findings) {
        Set<String> found = new LinkedHashSet<>();
        for (Pattern gap : GAPS) {
            Matcher matcher = gap.matcher(text);
            while (matcher.find()) {
                found.add(matcher.group());
            }
        }
        if (!found.isEmpty()) {
            findings.add(new ReplyFinding(reply, TEMPLATE_GAP, "a gap is left to fill in: " + String.join(", ", found),
                    true));
        }
    }

    private static void placeholders(int reply, String body, String text, Collection<String> addressee,
            Collection<String> resolved, List<ReplyFinding> findings) {
        Set<String> own = new LinkedHashSet<>(addressee);
        Matcher greeting = NAME_PLACEHOLDER.matcher(body.strip().lines().findFirst().orElse(""));
        if (greeting.find()) {
            own.add(greeting.group());
        }
        Set<String> others = new LinkedHashSet<>();
        Set<String> unresolved = new LinkedHashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            String token = placeholder.group();
            if (!own.contains(token)) {
                others.add(token);
            } else if (!resolved.contains(token)) {
                unresolved.add(token);
            }
        }
        if (!others.isEmpty()) {
            findings.add(new ReplyFinding(reply, OTHER_PERSON, "it mentions " + String.join(", ", others)
                    + ", personal data that is not the addressee's; remove it", true));
        }
        if (!unresolved.isEmpty()) {
            findings.add(new ReplyFinding(reply, UNRESOLVED, "the requester would read " + String.join(", ", unresolved)
                    + " as written (personal data is not put back into replies here); write it out or remove it",
                    true));
        }
    }

    private String withoutSignatures(String body) {
        String unsigned = body;
        for (String signature : rules.signatures()) {
            if (!signature.isBlank()) {
                unsigned = unsigned.replace(signature.strip(), "");
            }
        }
        return unsigned;
    }

    private void links(int reply, String text, List<ReplyFinding> findings) {
        Set<String> refused = new LinkedHashSet<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String address = link.group().replaceAll("[.,;:!?]+$", "");
            String host = host(address);
            if (host == null || !allowedHost(host)) {
                refused.add(host == null ? address : host);
            }
        }
        if (!refused.isEmpty()) {
            findings.add(new ReplyFinding(reply, LINK_NOT_ALLOWED, "it links to " + String.join(", ", refused)
                    + ", not an allowed host (ticketsmith.safety.allowed-link-hosts)", true));
        }
    }

    private boolean allowedHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return rules.allowedLinkHosts().stream().map(allowed -> allowed.toLowerCase(Locale.ROOT).strip())
                .anyMatch(allowed -> !allowed.isEmpty() && (lower.equals(allowed) || lower.endsWith("." + allowed)));
    }

    private static String host(String address) {
        String absolute = address.regionMatches(true, 0, "www.", 0, 4) ? "https://" + address : address;
        try {
            return URI.create(absolute).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param allowedLinkHosts hosts (and their subdomains) a reply may link to
     * @param phrases          the process owner's reply rules for the request's source
     * @param signatures       the configured signatures, whose own contact details are not the reply's personal data
     */
    public record Rules(int minLength, int maxLength, List<String> allowedLinkHosts, List<ForbiddenPhrase> phrases,
            Collection<String> signatures) {

        public Rules {
            allowedLinkHosts = List.copyOf(allowedLinkHosts);
            phrases = List.copyOf(phrases);
            signatures = List.copyOf(signatures);
        }
    }
}
