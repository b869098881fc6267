package io.ticketsmith.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/** Jira's offset paging ({@code startAt}, {@code maxResults}, {@code total}, {@code isLast}), as both flavours use it. */
final class Pages {

    static final int PAGE_SIZE = 50;

    // A misbehaving server that always says "more" must not keep a job thread forever.
    private static final int MAX_PAGES = 100;

    private Pages() {
    }

    /**
     * Reads every page.
     *
     * @param fetch      the page starting at the given offset
     * @param itemsField the array holding the page's items ({@code values} on Data Center; Cloud names it per endpoint)
     */
    static List<JsonNode> collect(IntFunction<JsonNode> fetch, String itemsField) {
        List<JsonNode> items = new ArrayList<>();
        int startAt = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = fetch.apply(startAt);
            JsonNode pageItems = answer.path(itemsField);
            pageItems.forEach(items::add);
            OptionalInt next = nextStartAt(answer, startAt, pageItems.size());
            if (next.isEmpty()) {
                return items;
            }
            startAt = next.getAsInt();
        }
        throw new JiraUnavailableException("Jira kept announcing more pages after " + MAX_PAGES + " pages", null);
    }

    /** The offset of the next page, or empty when the page just read was the last. */
    static OptionalInt nextStartAt(JsonNode page, int startAt, int count) {
        if (count == 0 || page.path("isLast").asBoolean(false)) {
            return OptionalInt.empty();
        }
        int next = startAt + count;
        if (page.hasNonNull("total")) {
            return next < page.path("total").asInt() ? OptionalInt.of(next) : OptionalInt.empty();
        }
        // Without a total, a short page is the last one.
        int pageSize = page.path("maxResults").asInt(PAGE_SIZE);
        return count < pageSize ? OptionalInt.empty() : OptionalInt.of(next);
    }
}
