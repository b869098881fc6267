package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticketsmith.safety.PiiRedactor.Finding;

/**
 * Finds e-mail addresses and IP addresses.
 *
 * <p>A dotted quad is an IPv4 address when every part is at most 255, it is not part of a longer dotted number
 * ({@code 1.3.6.1.4.1}) and it is not a version. It counts as a version when it is written right after a letter
 * ({@code v1.2.3.4}, {@code build1.2.3.4}) or a product token ({@code Chrome/120.0.0.0}), or when one of the
 * words version, ver, release, build, firmware, fw, patch, rev(ision), update(d), upgrade(d) or aktualisiert
 * comes right before it, optionally with {@code :}, {@code =}, {@code #}, "to", "auf", "nach", "is" or "ist" in
 * between ("upgraded to 10.4.1.2", "Version: 2.0.1.5"). Loopback and unspecified addresses ({@code 127.x.x.x},
 * {@code 0.0.0.0}, {@code ::1}, {@code ::}) and netmasks ({@code 255.x.x.x}) point to no one and help to triage
 * "connection refused" reports, so they stay.
 */
final class PiiAddressFinder {

    /** Also URL-encoded, as in access logs: {@code ?email=anna.weber%40example.com}. */
    private static final Pattern EMAIL = Pattern.compile("(?<![\\p{L}\\d._%+-])"
            + "[\\p{L}\\d_%+-]+(?:\\.[\\p{L}\\d_%+-]+){0,8}(?:@|%40)"
            + "(?:[\\p{L}\\d](?:[\\p{L}\\d-]*[\\p{L}\\d])?\\.){1,8}\\p{L}{2,}(?![\\p{L}\\d-])");

    /** "logo@2x.png" is a file name. */
    private static final Pattern FILE_EXTENSION = Pattern.compile("(?i).*\\.(?:png|jpe?g|gif|svg|webp|ico|css|js|ts"
            + "|json|xml|html?|txt|pdf|csv|log|ya?ml|md|jar|war|zip|gz|tar|exe|dll|so|py|java|kt|rb|php|go)");

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\w|\\.\\d)");
    private static final Pattern VERSION_BEFORE = Pattern.compile("(?i)(?:\\b(?:version|versions|ver|release|build"
            + "|firmware|fw|patch|rev|revision|update|updated|upgrade|upgraded|aktualisiert|v|section|abschnitt|chapter"
            + "|kapitel|step|schritt|clause|ziffer|§)\\.?[ \\t]*"
            + "(?:[:=#]|to|auf|nach|is|ist)?[ \\t]*|[a-z][\\w.-]*/)$");

    /** Hex groups and colons; {@link PiiChecks#isIpv6} decides whether they are an address. */
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?!\\w)");

    private PiiAddressFinder() {
    }

    static List<Finding> emails(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher matcher = EMAIL.matcher(text);
        while (matcher.find()) {
            if (!FILE_EXTENSION.matcher(matcher.group()).matches()) {
                found.add(new Finding(PiiType.EMAIL, matcher.start(), matcher.end(), matcher.group()));
            }
        }
        return found;
    }

    static List<Finding> ipAddresses(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher v4 = IPV4.matcher(text);
        while (v4.find()) {
            String address = v4.group();
            String before = text.substring(Math.max(0, v4.start() - 30), v4.start());
            if (!address.startsWith("127.") && !address.equals("0.0.0.0") && !address.startsWith("255.")
                    && !VERSION_BEFORE.matcher(before).find()) {
                found.add(new Finding(PiiType.IP, v4.start(), v4.end(), address));
            }
        }
        Matcher v6 = IPV6.matcher(text);
        while (v6.find()) {
            String address = v6.group();
            // "Host 2001:db8::1: connection reset" ends the address before the colon of the sentence.
            if (address.endsWith(":") && !address.endsWith("::")) {
                address = address.substring(0, address.length() - 1);
            }
            if (PiiChecks.isIpv6(address) && !address.equals("::1")) {
                found.add(new Finding(PiiType.IP, v6.start(), v6.start() + address.length(), address));
            }
        }
        return found;
    }
}
