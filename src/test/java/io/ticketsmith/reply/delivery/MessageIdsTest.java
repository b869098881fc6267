package io.ticketsmith.reply.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Message-IDs that thread a request's replies and that no request id can break. */
class MessageIdsTest {

    private static final String KEY = "3f9a1c2b7d4e5f60a1b2c3d4e5f60718293a4b5c";

    @Test
    void replyIdIsTheRequestIdAndTheFirstSixteenOfTheKeyAtTheDomain() {
        assertThat(MessageIds.reply("7f1c8a40-5b1e-4c4e-9d59-1a2b3c4d5e6f", KEY, "acme.example"))
                .isEqualTo("<7f1c8a40-5b1e-4c4e-9d59-1a2b3c4d5e6f.3f9a1c2b7d4e5f60@acme.example>");
    }

    @Test
    void everyReplyOfARequestAnswersTheSameRoot() {
        assertThat(MessageIds.thread("REQ_42", "acme.example")).isEqualTo("<REQ_42@acme.example>");
    }

    @Test
    void lineBreaksSpacesAnglesAndAtSignsOfAClientsIdAreEncoded() {
        String hostile = "REQ 1>\r\nBcc: x@evil.example<";

        String id = MessageIds.reply(hostile, KEY, "acme.example");

        assertThat(id).isEqualTo("<REQ%201%3E%0D%0ABcc%3A%20x%40evil%2Eexample%3C.3f9a1c2b7d4e5f60@acme.example>");
        assertThat(id.substring(1, id.length() - 1)).doesNotContain("<", ">", " ", "\r", "\n")
                .containsOnlyOnce("@");
    }

    @Test
    void differentIdsKeepDifferentEncodings() {
        assertThat(MessageIds.local("a.b")).isNotEqualTo(MessageIds.local("a%2Eb"));
        assertThat(MessageIds.local("ü")).isEqualTo("%C3%BC");
    }

    @Test
    void overlongOrEmptyIdIsReplacedByItsHash() {
        String longId = "x".repeat(65);

        assertThat(MessageIds.local(longId)).matches("sha256-[0-9a-f]{32}").isEqualTo(MessageIds.local(longId));
        assertThat(MessageIds.local("x".repeat(64))).isEqualTo("x".repeat(64));
        assertThat(MessageIds.local("")).matches("sha256-[0-9a-f]{32}");
    }
}
