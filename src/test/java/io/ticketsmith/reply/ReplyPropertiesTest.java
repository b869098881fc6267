package io.ticketsmith.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ReplyPropertiesTest {

    private final ReplyProperties properties = new ReplyProperties(ReplyTone.FRIENDLY,
            Map.of("jira", ReplyTone.CONCISE), Map.of("en", "Regards,\\nSupport", "de", "Grüße\nSupport"), 40, 2500);

    @Test
    void aRequestsOwnToneWinsThenItsSourcesThenTheDefault() {
        assertThat(properties.toneFor("Formal", "jira")).isEqualTo(ReplyTone.FORMAL);
        assertThat(properties.toneFor(null, "jira")).isEqualTo(ReplyTone.CONCISE);
        assertThat(properties.toneFor("shouty", "api")).isEqualTo(ReplyTone.FRIENDLY);
    }

    @Test
    void aSignatureFromTheEnvironmentGetsItsLineBreaksAndALanguageWithoutOneGetsTheEnglishOne() {
        assertThat(properties.signatureFor("en")).isEqualTo("Regards,\nSupport");
        assertThat(properties.signatureFor("de")).isEqualTo("Grüße\nSupport");
        assertThat(properties.signatureFor("fr")).isEqualTo("Regards,\nSupport");
    }
}
