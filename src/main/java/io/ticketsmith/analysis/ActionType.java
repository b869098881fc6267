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
    CREATE_PAGE("create_page");

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ActionType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
