package io.ticketsmith.analysis;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of action an analysis may propose, with their names in the analysis JSON. */
public enum ActionType {
    CREATE_ISSUE("create_issue"),
    COMMENT("comment"),
    ASSIGN("assign"),
    TRANSITION("transition"),
    ADD_LABELS("add_labels"),
    DRAFT_REPLY("draft_reply"),
    LINK_ISSUE("link_issue"),
    CREATE_PAGE("create_page"),
    /** Tags added to a Zendesk ticket ({@code labels}), next to the ticket's own. */
    TAG("tag"),
    /** A Zendesk ticket's priority ({@code priority}: low, normal, high, urgent). */
    SET_PRIORITY("set_priority"),
    /** A comment on a Zendesk ticket that only agents see ({@code body}). */
    INTERNAL_NOTE("internal_note");

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the action writes to a Zendesk ticket and only there. */
    public boolean zendeskOnly() {
        return this == TAG || this == SET_PRIORITY || this == INTERNAL_NOTE;
    }

    /** Whether the action writes to Jira or Confluence issues and pages, which a Zendesk ticket is not. */
    public boolean jiraOnly() {
        return this == COMMENT || this == ASSIGN || this == TRANSITION || this == ADD_LABELS || this == LINK_ISSUE;
    }

    public static Optional<ActionType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
