package io.ticketsmith.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.analysis.Analysis;

/**
 * A labelled evaluation set: one JSON object a line, {@code {"id", "language", "text", "expected": {intent, category,
 * urgency, sentiment, actions}}}, as in {@code src/test/resources/evaluation/tickets.jsonl}. The texts still hold the
 * personal data a real ticket has; they are redacted before the model sees them.
 */
public final class EvaluationSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One labelled ticket. */
    public record Ticket(String id, String language, String text, Analysis expected) {
    }

    private EvaluationSet() {
    }

    public static List<Ticket> read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("The evaluation set " + file + " cannot be read", e);
        }
    }

    static List<Ticket> parse(List<String> lines, String name) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Ticket ticket;
            try {
                ticket = JSON.readValue(line, Ticket.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + " is not a ticket: "
                        + e.getOriginalMessage(), e);
            }
            if (ticket.id() == null || ticket.text() == null || ticket.text().isBlank() || ticket.expected() == null) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + " needs an id, a text and expected");
            }
            tickets.add(ticket);
        }
        return tickets;
    }
}
