package io.ticketsmith.jira;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Jira needs to create an issue in a project: its issue types, and per issue type the fields of the create
 * screen (required or not, with or without a default, allowed values). Read from the createmeta endpoints that are
 * scoped to a project and an issue type (the old unscoped createmeta is gone from Cloud and from Data Center 9), and
 * cached, as it changes only when an administrator edits a screen.
 */
final class CreateMetadata {

    record IssueType(String id, String name, boolean subtask) {
    }

    record Field(String id, String name, boolean required, boolean hasDefaultValue, JsonNode allowedValues) {

        String describe() {
            return name == null || name.equals(id) ? id : name + " (" + id + ")";
        }
    }

    private final JiraHttp http;
    private final String createMetaPath;
    private final String issueTypesItems;
    private final String fieldsItems;
    private final ExpiringCache<String, List<IssueType>> issueTypes;
    private final ExpiringCache<List<String>, Map<String, Field>> fields;

    /**
     * @param apiPath         {@code /rest/api/3} or {@code /rest/api/2}
     * @param issueTypesItems the array holding a page of issue types (Cloud {@code issueTypes}, Data Center {@code values})
     * @param fieldsItems     the array holding a page of fields (Cloud {@code fields}, Data Center {@code values})
     */
    CreateMetadata(JiraHttp http, String apiPath, String issueTypesItems, String fieldsItems, Duration timeToLive,
            Clock clock) {
        this.http = http;
        this.createMetaPath = apiPath + "/issue/createmeta/{project}/issuetypes";
        this.issueTypesItems = issueTypesItems;
        this.fieldsItems = fieldsItems;
        this.issueTypes = new ExpiringCache<>(timeToLive, clock);
        this.fields = new ExpiringCache<>(timeToLive, clock);
    }

    /** The project's issue type of that name, compared ignoring case as people write "bug" for "Bug". */
    IssueType issueType(String project, String name) {
        List<IssueType> types = issueTypes.get(project, this::loadIssueTypes);
        return types.stream()
                .filter(type -> type.name().equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst()
                .orElseThrow(() -> new JiraRejectedException(400, "Project " + project + " has no issue type \""
                        + name + "\"; available: " + types.stream().map(IssueType::name)
                                .collect(Collectors.joining(", "))));
    }

    /** The fields of the create screen by field id, in Jira's order. */
    Map<String, Field> fields(String project, IssueType type) {
        return fields.get(List.of(project, type.id()), key -> loadFields(project, type.id()));
    }

    private List<IssueType> loadIssueTypes(String project) {
        return Pages.collect(startAt -> http.get(createMetaPath + "?startAt={startAt}&maxResults={maxResults}",
                        Map.of("project", project, "startAt", startAt, "maxResults", Pages.PAGE_SIZE)), issueTypesItems)
                .stream()
                .map(type -> new IssueType(type.path("id").asText(), type.path("name").asText(),
                        type.path("subtask").asBoolean(false)))
                .toList();
    }

    private Map<String, Field> loadFields(String project, String issueTypeId) {
        Map<String, Field> byId = new LinkedHashMap<>();
        Pages.collect(startAt -> http.get(createMetaPath + "/{issueType}?startAt={startAt}&maxResults={maxResults}",
                        Map.of("project", project, "issueType", issueTypeId, "startAt", startAt,
                                "maxResults", Pages.PAGE_SIZE)), fieldsItems)
                .forEach(field -> {
                    String id = field.path("fieldId").asText(field.path("key").asText());
                    byId.put(id, new Field(id, field.path("name").asText(id), field.path("required").asBoolean(false),
                            field.path("hasDefaultValue").asBoolean(false), field.path("allowedValues")));
                });
        return Collections.unmodifiableMap(byId);
    }
}
