package io.ticketsmith.replay;

/** A candidate table or a replay request that cannot be replayed; the message says why, naming the input or rule. */
public class ReplayRefusedException extends RuntimeException {

    public ReplayRefusedException(String message) {
        super(message);
    }

    public ReplayRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
