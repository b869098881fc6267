package io.ticketsmith.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The Tasklist start form {@code forms/new-request.form} next to the API it stands in for. */
class NewRequestFormTest {

    @Test
    void startFormTakesAsLongATextAsTheApiAccepts() throws Exception {
        JsonNode form = new ObjectMapper().readTree(Files.readString(Path.of("forms/new-request.form")));
        JsonNode requestText = null;
        for (JsonNode component : form.get("components")) {
            if ("requestText".equals(component.path("key").asText())) {
                requestText = component;
            }
        }
        IntakeProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("ticketsmith.intake", IntakeProperties.class);

        assertThat(requestText).as("the requestText field").isNotNull();
        assertThat(requestText.path("validate").path("maxLength").asLong())
                .isEqualTo(defaults.maxTextSize().toBytes());
    }
}
