package io.ticketsmith.analysis;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The person a request asks to be given the issue: "assign it to Dana", "give it to Dana Smith", "zuweisen an
 * Dana", "weise es Dana zu". A name is one or two capitalised words and ends at punctuation or the line's end.
 *
 * <p>The text has already been redacted, so where a name was, a placeholder such as {@code [NAME_1]} stands. A
 * placeholder is never proposed: it names nobody a reviewer or Jira could recognise, and whether the person may
 * be restored is decided only after approval.
 */
final class AssigneeFinder {

    /** A capitalised word that ends in a lower-case letter: "Dana", "O'Brien", "Müller-Lüdenscheidt", not "QA". */
    private static final String WORD = "\\p{Lu}[\\p{L}'’]*\\p{Ll}(?:-\\p{Lu}[\\p{L}'’]*\\p{Ll})?(?![\\p{L}\\d_])";
    private static final String NAME = "(?<name>" + WORD + "(?:[ \\t]+" + WORD + ")?)";
    private static final String BEFORE = "(?<![\\p{L}\\d_])";
    private static final String THE_ISSUE = "(?:it|this|that|the[ \\t]+(?:issue|ticket|bug|task|story))";

    private static final List<Pattern> PATTERNS = List.of(
            // "assign it to Dana", "please assign to Dana", "reassign the ticket to Dana Smith"
            Pattern.compile(BEFORE + "(?i:(?:re)?assign(?:[ \\t]+" + THE_ISSUE + ")?[ \\t]+to)[ \\t]+" + NAME),
            // "give it to Dana", "hand it over to Dana"
            Pattern.compile(BEFORE + "(?i:(?:give|hand)[ \\t]+" + THE_ISSUE + "(?:[ \\t]+over)?[ \\t]+to)[ \\t]+"
                    + NAME),
            // "Assignee: Dana"
            Pattern.compile(BEFORE + "(?i:assignee)[ \\t]*:[ \\t]*" + NAME),
            // "zuweisen an Dana", "bitte übergeben an Dana Smith"
            Pattern.compile(BEFORE + "(?i:(?:zuweisen|zuordnen|übergeben|weitergeben)[ \\t]+an)[ \\t]+" + NAME),
            // "an Dana zuweisen"
            Pattern.compile(BEFORE + "(?i:an)[ \\t]+" + NAME + "[ \\t]+(?i:zuweisen|zuordnen|übergeben|weitergeben)"),
            // "weise es Dana zu", "weisen Sie das Ticket Dana zu"; the longer objects first, or "Ticket Dana" would
            // be taken for a name
            Pattern.compile(BEFORE + "(?i:weisen?(?:[ \\t]+sie)?(?:[ \\t]+(?:das[ \\t]+ticket|den[ \\t]+fehler"
                    + "|die[ \\t]+aufgabe|es|das))?)[ \\t]+" + NAME + "[ \\t]+(?i:zu)(?![\\p{L}])"));

    /** Capitalised words after "assign to" that are no one in particular. */
    private static final Set<String> NOBODY = Set.of("Me", "Us", "Him", "Her", "Them", "Someone", "Somebody",
            "Anyone", "Anybody", "The", "Our", "My", "Your", "Whoever", "Mir", "Uns", "Ihm", "Ihr", "Ihnen", "Jemandem",
            "Dem", "Der", "Die", "Das", "Es");
    /** Capitalised words that may follow a first name without being a surname: "assign it to Dana Thanks". */
    private static final Set<String> NOT_A_SURNAME = Set.of("Please", "Thanks", "Thank", "Asap", "Today", "Tomorrow",
            "And", "Or", "Bitte", "Danke", "Heute", "Morgen", "Und", "Oder");

    private AssigneeFinder() {
    }

    /** The first person the text asks to be given the issue. */
    static Optional<String> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return PATTERNS.stream()
                .map(pattern -> pattern.matcher(text))
                .filter(Matcher::find)
                .min((a, b) -> Integer.compare(a.start(), b.start()))
                .flatMap(matcher -> person(matcher.group("name")));
    }

    private static Optional<String> person(String name) {
        String[] words = name.split("[ \\t]+");
        if (NOBODY.contains(words[0])) {
            return Optional.empty();
        }
        if (words.length > 1 && NOT_A_SURNAME.contains(words[1])) {
            return Optional.of(words[0]);
        }
        return Optional.of(String.join(" ", words));
    }
}
