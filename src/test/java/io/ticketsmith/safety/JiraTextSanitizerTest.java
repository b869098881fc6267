package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class JiraTextSanitizerTest {

    private final JiraTextSanitizer sanitizer = new JiraTextSanitizer(
            new SafetyProperties(null, null, List.of("acme.example", "status.example.org"), List.of("dana"), null));

    @Test
    void linksToAllowedHostsAndTheirSubdomainsStay() {
        assertThat(sanitizer.sanitize("See https://docs.acme.example/kb/42 and https://status.example.org."))
                .isEqualTo("See https://docs.acme.example/kb/42 and https://status.example.org.");
    }

    @Test
    void linksToOtherHostsAreDefangedSoNothingRendersThemAsLinks() {
        assertThat(sanitizer.sanitize("Log in at https://evil.example.net/login?next=x now"))
                .isEqualTo("Log in at hxxps[://]evil[.]example[.]net/login?next=x now");
    }

    @Test
    void lookalikeHostIsNotASubdomain() {
        assertThat(sanitizer.sanitize("https://notacme.example/x")).startsWith("hxxps[://]");
    }

    @Test
    void wikiLinkMarkupBecomesTextWithItsAddressDefanged() {
        assertThat(sanitizer.sanitize("[click here|http://phish.example.com/reset]"))
                .isEqualTo("click here (hxxp[://]phish[.]example[.]com/reset)");
    }

    @Test
    void mentionsOfPeopleOutsideTheAllowedSetAreRemoved() {
        assertThat(sanitizer.sanitize("Ping [~ceo] and [~accountid:5b10ac8d82e05b22cc7d4ef5] and [~dana]"))
                .isEqualTo("Ping @ceo (mention removed) and @5b10ac8d82e05b22cc7d4ef5 (mention removed) and [~dana]");
    }

    @Test
    void embedsAndHtmlMacrosLoseTheirEffect() {
        assertThat(sanitizer.sanitize("!http://tracker.example.com/pixel.png! {html}<script>x</script>{html}"))
                .doesNotContain("!http").doesNotContain("{html}").contains("(html macro removed)");
    }

    @Test
    void scriptAndDataUrisAreBlocked() {
        assertThat(sanitizer.sanitize("javascript:alert(1)")).startsWith("javascript-blocked");
    }

    @Test
    void ordinaryTextIsUntouched() {
        String text = "The export fails with HTTP 500 since 2.14.3; see WEB-12. Thanks!";
        assertThat(sanitizer.sanitize(text)).isEqualTo(text);
    }
}
