package io.ticketsmith.jira;

import java.util.List;

/** Carrying out an action failed; says which one, and what the actions before it achieved. */
public class ActionFailedException extends RuntimeException {

    private final int actionIndex;
    private final transient List<ActionResult> completed;

    ActionFailedException(int actionIndex, String actionDescription, List<ActionResult> completed,
            RuntimeException cause) {
        super("Action " + (actionIndex + 1) + " (" + actionDescription + ") failed: " + cause.getMessage(), cause);
        this.actionIndex = actionIndex;
        this.completed = List.copyOf(completed);
    }

    public int actionIndex() {
        return actionIndex;
    }

    public List<ActionResult> completed() {
        return completed;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
