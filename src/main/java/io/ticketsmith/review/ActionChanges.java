package io.ticketsmith.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.analysis.ProposedAction;

/** What a reviewer changed in the proposed actions, field by field, for the audit trail and prompt tuning. */
final class ActionChanges {

    private static final ObjectMapper FIELDS = new ObjectMapper();

    private ActionChanges() {
    }

    static List<Map<String, Object>> between(List<ProposedAction> proposed, List<ProposedAction> decided) {
        List<Map<String, Object>> changes = new ArrayList<>();
        int common = Math.min(proposed.size(), decided.size());
        for (int i = 0; i < common; i++) {
            Map<String, Object> before = fields(proposed.get(i));
            Map<String, Object> after = fields(decided.get(i));
            for (String field : union(before, after)) {
                if (!Objects.equals(before.get(field), after.get(field))) {
                    changes.add(change(i, "changed", field, before.get(field), after.get(field)));
                }
            }
        }
        for (int i = common; i < proposed.size(); i++) {
            changes.add(change(i, "removed", null, proposed.get(i).type(), null));
        }
        for (int i = common; i < decided.size(); i++) {
            changes.add(change(i, "added", null, null, decided.get(i).type()));
        }
        return changes;
    }

    private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
        List<String> fields = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(key -> !a.containsKey(key)).forEach(fields::add);
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(ProposedAction action) {
        Map<String, Object> all = FIELDS.convertValue(action, LinkedHashMap.class);
        all.values().removeIf(Objects::isNull);
        return all;
    }

    private static Map<String, Object> change(int index, String kind, String field, Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("action", index);
        change.put("kind", kind);
        if (field != null) {
            change.put("field", field);
        }
        change.put("from", from);
        change.put("to", to);
        return change;
    }
}
