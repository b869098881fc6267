package io.ticketsmith.reply;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a reply is written: a request's own setting ({@code replyTone}), else the default for its source. */
public enum ReplyTone {
    FORMAL("formal: polite and correct, complete sentences, no contractions, slang or exclamation marks"),
    FRIENDLY("friendly: warm and natural, like a helpful colleague, plain words"),
    EMPATHETIC("empathetic: first acknowledge the trouble or frustration the requester describes, then be calm and "
            + "reassuring without overpromising"),
    CONCISE("concise: two to four short sentences, only what the requester needs to know");

    private final String instruction;

    ReplyTone(String instruction) {
        this.instruction = instruction;
    }

    /** The tone as the prompt states it. */
    public String instruction() {
        return instruction;
    }

    /** The name a request and the configuration use ({@code empathetic}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReplyTone> of(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(tone -> tone.value().equals(value.trim().toLowerCase(Locale.ROOT)))
                        .findFirst();
    }

    /** The names a request may give, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ReplyTone::value).toList());
    }
}
