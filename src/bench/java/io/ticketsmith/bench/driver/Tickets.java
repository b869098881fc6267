package io.ticketsmith.bench.driver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Ticket texts for runs with near-duplicates. Distinct tickets are combinations of a component, a symptom, when it
 * happens, its impact and the ask, each combination of the first three used once and tickets about the same symptom
 * of the same component given a different impact and ask, so two unrelated tickets differ in wording and not only in
 * their bench id (the analysis cache would reuse one for the other otherwise). A
 * near-duplicate is an earlier ticket as a second reporter or a re-sent mail would send it: one or two small changes
 * ({@link Variation}). Seeded, so every run sends the same texts in the same order.
 */
final class Tickets {

    private static final List<String> COMPONENTS = List.of(
            "The login page of the web shop", "The checkout", "The password reset mail", "The order history in the mobile app",
            "The invoice PDF export", "The product search", "The admin dashboard", "The newsletter sign-up form",
            "The support chat widget", "The CSV import of supplier prices", "The shipping label printing",
            "The single sign-on through Azure AD", "The partner REST API", "The warehouse stock sync",
            "The loyalty points page", "The nightly backup job");
    private static final List<String> SYMPTOMS = List.of(
            "returns an error 500", "is extremely slow, pages take more than thirty seconds",
            "shows a blank white page", "times out", "shows prices in the wrong currency",
            "logs people out after a minute", "crashes right after opening", "sends every email twice",
            "rejects valid input with a validation error", "shows garbled characters instead of umlauts",
            "has stopped updating", "shows data of the wrong customer account");
    private static final List<String> WHEN = List.of(
            "since this morning's deploy", "since the upgrade last night", "only in Safari on iPhones",
            "only for customers in Austria", "when the cart holds more than twenty items",
            "after the certificate renewal on Monday", "only for accounts created this week",
            "intermittently, roughly every third attempt", "since the database migration on Friday",
            "for everyone behind the corporate proxy", "when the language is switched to German",
            "since the new payment provider went live");
    private static final List<String> IMPACTS = List.of(
            "About a third of our users are affected.", "Three customers have phoned about it already.",
            "Sales says we are losing orders over it.", "It blocks the month-end closing in finance.",
            "Our support queue is filling up with complaints.", "Nobody in the Hamburg office can work normally.",
            "It is not urgent, but it is annoying.", "The partner expects a fix by Friday.");
    private static final List<String> ASKS = List.of(
            "Please file a bug for the WEB team.", "Can someone from OPS look into it?",
            "Please open a ticket for the on-call engineer.", "Could you create an issue for this?",
            "Please raise it with the WEB team.", "We need a bug report in Jira for this.");

    /** The small changes a repeat of a ticket has; each near-duplicate gets one or two of them. */
    enum Variation {
        GREETING, THANKS, AGAIN, PUNCTUATION, TYPO, LOWER_CASE
    }

    /** A ticket text without the bench marker, and for a near-duplicate, what was changed. */
    record Ticket(String body, List<Variation> variations) {
    }

    private final Random random = new Random(20261130L);
    private final List<int[]> combinations = new ArrayList<>();
    private final java.util.Map<Integer, Integer> timesUsed = new java.util.HashMap<>();
    private int next;

    Tickets() {
        for (int component = 0; component < COMPONENTS.size(); component++) {
            for (int symptom = 0; symptom < SYMPTOMS.size(); symptom++) {
                for (int when = 0; when < WHEN.size(); when++) {
                    combinations.add(new int[] {component, symptom, when});
                }
            }
        }
        Collections.shuffle(combinations, random);
    }

    /** How many distinct tickets there are. */
    static int capacity() {
        return COMPONENTS.size() * SYMPTOMS.size() * WHEN.size();
    }

    /** A ticket no earlier call returned. */
    Ticket distinct() {
        if (next >= combinations.size()) {
            throw new IllegalStateException("Only " + capacity() + " distinct tickets; lower --n or --warmup");
        }
        int[] combination = combinations.get(next++);
        // Tickets about the same symptom of the same component differ in impact and ask too, not only in when.
        int sameProblem = timesUsed.merge(combination[0] * SYMPTOMS.size() + combination[1], 1, Integer::sum) - 1;
        String body = COMPONENTS.get(combination[0]) + " " + SYMPTOMS.get(combination[1]) + " "
                + WHEN.get(combination[2]) + ". "
                + IMPACTS.get((combination[0] + combination[1] + sameProblem) % IMPACTS.size()) + " "
                + ASKS.get((combination[0] * 7 + combination[1] + sameProblem) % ASKS.size());
        return new Ticket(body, List.of());
    }

    /** The same ticket reported again, with one or two small changes. */
    Ticket nearDuplicateOf(Ticket original) {
        List<Variation> all = new ArrayList<>(List.of(Variation.values()));
        Collections.shuffle(all, random);
        List<Variation> chosen = all.subList(0, 1 + random.nextInt(2));
        String body = original.body();
        // The order keeps each change visible: a greeting is added after the lower-casing and the typo.
        for (Variation variation : List.of(Variation.LOWER_CASE, Variation.TYPO, Variation.PUNCTUATION,
                Variation.AGAIN, Variation.THANKS, Variation.GREETING)) {
            if (chosen.contains(variation)) {
                body = apply(variation, body);
            }
        }
        return new Ticket(body, List.copyOf(chosen));
    }

    private String apply(Variation variation, String body) {
        return switch (variation) {
            case GREETING -> List.of("Hi, ", "Hello, ", "Hi team, ").get(random.nextInt(3)) + body;
            case THANKS -> body + List.of(" Thanks", " Thanks!", " Thank you.").get(random.nextInt(3));
            case AGAIN -> body.endsWith(".") ? body.substring(0, body.length() - 1) + " again." : body + " again";
            case PUNCTUATION -> body.endsWith(".") ? body.substring(0, body.length() - 1) + "!!"
                    : body.endsWith("?") ? body + "?" : body + ".";
            case TYPO -> typo(body);
            case LOWER_CASE -> Character.toLowerCase(body.charAt(0)) + body.substring(1);
        };
    }

    /** Two neighbouring letters swapped in one longer word. */
    private String typo(String body) {
        String[] words = body.split(" ");
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (words[i].length() >= 6 && words[i].chars().allMatch(Character::isLetter)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return body;
        }
        int index = candidates.get(random.nextInt(candidates.size()));
        char[] letters = words[index].toCharArray();
        int at = 1 + random.nextInt(letters.length - 2);
        if (letters[at] == letters[at + 1]) {
            at = at > 1 ? at - 1 : at + 1;
        }
        char swapped = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = swapped;
        words[index] = new String(letters);
        return String.join(" ", words);
    }
}
