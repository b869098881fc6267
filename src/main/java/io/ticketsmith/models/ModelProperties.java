package io.ticketsmith.models;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the BPMN, DMN and form models live on disk and how they are kept live.
 *
 * @param folders       the model folders, relative to the working directory or absolute
 * @param watch         whether a change in those folders is deployed while the application runs
 * @param pollInterval  how often the folders are scanned for changes
 */
@Validated
@ConfigurationProperties("ticketsmith.models")
public record ModelProperties(
        @NotEmpty List<Path> folders,
        @DefaultValue("true") boolean watch,
        @NotNull @DefaultValue("1s") Duration pollInterval) {
}
