package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticketsmith.safety.PiiRedactor.Finding;

/**
 * Finds person names where the context makes them certain: after a title ("Mr.", "Frau Dr."), an introduction
 * ("my name is", "ich bin"), a salutation ("Hi", "Hallo"), a sign-off ("Kind regards,", "Viele Grüße"), a header
 * or form field ("From:", "Kontoinhaber:", {@code "name": "..."}), a word that speaks of a person ("customer",
 * "gemeldet von", "ask"), in front of an e-mail address in angle brackets, in a Jira mention ({@code [~anna]}), and
 * a known first name directly followed by a surname. A capitalised word on its own is never enough: German
 * capitalises every noun, and tickets are full of product names. Most contexts want a first name from
 * {@link PiiNameDictionary}; the strongest ones (a title, "my name is", a name alone on the line under a sign-off)
 * take any capitalised word that is not an ordinary one.
 */
final class PiiNameFinder {

    /** A capitalised word that ends in a lower-case letter, so "O'Brien" and "Müller-Lüdenscheidt" but not "SAP". */
    private static final String WORD = "\\p{Lu}[\\p{L}'’]*\\p{Ll}(?:-\\p{Lu}[\\p{L}'’]*\\p{Ll})?(?![\\p{L}\\d])";
    private static final Pattern NAME_WORD = Pattern.compile(WORD);
    private static final Pattern PARTICLE = Pattern.compile("(?:von|van|de|der|den|zu|di|da|du|le|la|ten|ter)[ \\t]+");
    private static final String BEFORE = "(?<![\\p{L}\\d_])";

    private static final Pattern TITLE = Pattern.compile(BEFORE
            + "(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\\.?|Miss|Herrn?|Frau)(?:[ \\t]+(?:Dr|Prof)\\.){0,3}[ \\t]+");
    private static final Pattern STRONG_INTRODUCTION = Pattern.compile(BEFORE
            + "(?:[Mm]y name is|[Mm]y name's|[Mm]ein Name ist|[Ii]ch heiße|[Ii]ch heisse)[ \\t]+");
    /** "This is Anna" names a person, "This is New York" does not: these want a known first name. */
    private static final Pattern INTRODUCTION = Pattern.compile(BEFORE + "(?:[Tt]his is|[Ii]t's|[Dd]as ist)[ \\t]+");
    /** Verbs that take a person: "ask Anna", "call William back", "bitte Markus Bescheid geben", "hat Elif Urlaub". */
    private static final Pattern PERSON_VERB = Pattern.compile(BEFORE + "(?:ask|asked|call|called|ping|pinged|tell|told"
            + "|cc|contact|contacted|thank|email|give|send|frag|frage|fragt|ruf|rufe|informiere|sag|gib|schick"
            + "|kontaktiere|fragen sie|bitte|hat|du|dir)[ \\t]+");
    private static final Pattern SALUTATION = Pattern.compile(BEFORE
            + "(?:Dear|Hi|Hello|Hey|Hallo|Liebe|Lieber|Moin|Servus|Morning|Good morning|Guten Morgen|Guten Tag"
            + "|Thanks|Thank you|Danke|Cheers|Hej)[ \\t]*,?[ \\t]+");
    /** A header or form field: "From:", "Kontoinhaber:", "Contact for questions:". */
    private static final Pattern FIELD = Pattern.compile("(?m)(?:^|(?<=[ \\t(\\[,;]))[ \\t]*"
            + "(?:Name|Contact|Kontakt|Ansprechpartner(?:in)?|Ansprechperson|Reporter|Reported by|Gemeldet von"
            + "|Assignee|Bearbeiter(?:in)?|Requester|From|Von|Absender|Cc|CC|To|An|Questions|Fragen|Account holder"
            + "|Kontoinhaber(?:in)?|Cardholder|Karteninhaber(?:in)?|Owner|Responsible|Verantwortlich|Inhaber(?:in)?)"
            + "(?:[ \\t]+\\p{Ll}+){0,2}[ \\t]*:[ \\t]*");
    /** Words after which a person follows: "customer Anna Weber says", "gemeldet von Anna Weber am ...". */
    private static final Pattern PERSON_NOUN = Pattern.compile("(?i)(?<![\\p{L}\\d_])(?:contact|kontakt"
            + "|ansprechpartner(?:in)?|ansprechperson|customer|client|kunde|kundin|applicant|employee|contractor"
            + "|mitarbeiter(?:in)?|rückfragen(?: bitte)? an|questions to|reported by|gemeldet von|assigned to"
            + "|zugewiesen an|owner|verantwortlich)(?:[ \\t]*[:,])?[ \\t]+");
    /** Strong introductions that may name someone the dictionary does not know: "I'm Ilka Richter". */
    private static final Pattern SELF_INTRODUCTION = Pattern.compile(BEFORE
            + "(?:[Ii] am|I'm|I’m|[Ii]ch bin|[Hh]ier ist|[Hh]ier spricht)[ \\t]+");
    /** The display name in front of an address: "Anna Weber <anna.weber@example.com>", "schrieb Anna Weber <...>". */
    private static final Pattern BEFORE_ADDRESS = Pattern.compile(BEFORE + "(" + WORD + "(?:[ \\t]+" + WORD
            + "){1,2})[ \\t]*<[^<>\\s@]+@");
    /** A Jira mention of a user: {@code [~anna.weber]}. */
    private static final Pattern MENTION = Pattern.compile("\\[~(?:accountid:)?([^\\]\\s]+)]");
    /** A JSON or form field that holds a person's name: {@code "name": "Anna Weber"}. */
    private static final Pattern NAME_FIELD = Pattern.compile("(?i)[\"']?(?:(?:full|display|customer|contact|first"
            + "|last|account[_-]?holder)[_-]?name|name|kontoinhaber|vorname|nachname)[\"']?[ \\t]*[:=][ \\t]*[\"']");
    private static final Pattern SIGN_OFF = Pattern.compile("(?im)(?:^|(?<=[.!?])[ \\t]+)[ \\t]*"
            + "(?:best regards|kind regards|warm regards|warmest regards|many thanks|thanks again|thanks a lot"
            + "|thanks in advance|thank you|all the best|take care|regards|best wishes|best|cheers|thanks|thx"
            + "|yours sincerely|yours truly|sincerely|viele grüße|viele grüsse|beste grüße|beste grüsse|liebe grüße"
            + "|liebe grüsse|freundliche grüße|freundliche grüsse|mit freundlichen grüßen|mit freundlichen grüssen"
            + "|schöne grüße|herzliche grüße|danke und grüße|vielen dank im voraus|vielen dank|besten dank"
            + "|danke dir|danke euch|danke schön|danke|grüße|gruß|mfg|lg|vg|ciao|tschüss|bis dann|--)(?![\\p{L}])"
            + "(?<punctuation>[ \\t]*[,!.])?[ \\t]*(?<newline>(?:\\r?\\n[ \\t]*){1,2})?");
    private static final Pattern LINE_SALUTATION = Pattern.compile("(?m)^[ \\t]*(?:Dear|Hi|Hello|Hey|Hallo|Liebe|Lieber"
            + "|Moin|Servus|Guten Tag|Good morning|Guten Morgen)[ \\t]+(?=" + WORD + "[ \\t]*,)");
    private static final Pattern FIRST_AND_SURNAME = Pattern.compile(BEFORE + "(" + WORD + ")[ \\t]+"
            + "(?:(?:von|van|de|der|zu)[ \\t]+)?(" + WORD + ")");

    private PiiNameFinder() {
    }

    /** What must be known about the first word after a context for it to start a name. */
    private enum Evidence {
        /** After a title: any capitalised word that is not an ordinary word, with a surname if it is a first name. */
        CONTEXT,
        /** After "my name is": the capitalised words that follow. */
        INTRODUCED,
        /** A greeting at the start of a line, followed by a comma: "Hello Tassilo,". */
        GREETED,
        /** After a salutation or an introduction: a known first name. */
        FIRST_NAME,
        /** After a word that speaks of a person ("customer", "I'm"): a known first name, or two name words. */
        PERSON,
        /** On its own line after a sign-off or in a header field: a known first name, or two or three words. */
        NAME_LINE
    }

    static List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        afterContext(text, TITLE, Evidence.CONTEXT, found);
        afterContext(text, STRONG_INTRODUCTION, Evidence.INTRODUCED, found);
        afterContext(text, NAME_FIELD, Evidence.NAME_LINE, found);
        afterContext(text, FIELD, Evidence.NAME_LINE, found);
        Matcher signOff = SIGN_OFF.matcher(text);
        while (signOff.find()) {
            // "Regards,\nAnna Weber" and "Thanks, Anna Weber" at the end of a line; "LG Anna" needs a known name.
            boolean separated = signOff.group("newline") != null || signOff.group("punctuation") != null;
            addName(text, signOff.end(), separated ? Evidence.NAME_LINE : Evidence.FIRST_NAME, found);
        }
        Matcher greeting = LINE_SALUTATION.matcher(text);
        while (greeting.find()) {
            addName(text, greeting.end(), Evidence.GREETED, found);
        }
        Matcher displayName = BEFORE_ADDRESS.matcher(text);
        while (displayName.find()) {
            addName(text, displayName.start(1), Evidence.PERSON, found);
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            found.add(new Finding(PiiType.NAME, mention.start(1), mention.end(1), mention.group(1)));
        }
        afterContext(text, SELF_INTRODUCTION, Evidence.PERSON, found);
        afterContext(text, PERSON_NOUN, Evidence.PERSON, found);
        afterContext(text, INTRODUCTION, Evidence.FIRST_NAME, found);
        afterContext(text, SALUTATION, Evidence.FIRST_NAME, found);
        afterContext(text, PERSON_VERB, Evidence.PERSON, found);
        Matcher pair = FIRST_AND_SURNAME.matcher(text);
        int from = 0;
        while (from < text.length() && pair.find(from)) {
            if (PiiNameDictionary.isUnambiguousFirstName(pair.group(1))
                    && PiiNameDictionary.canBeSurname(pair.group(2))) {
                addName(text, pair.start(1), Evidence.FIRST_NAME, found);
                from = pair.end();
            } else {
                from = pair.start(2);
            }
        }
        return found;
    }

    private static void afterContext(String text, Pattern context, Evidence evidence, List<Finding> found) {
        Matcher matcher = context.matcher(text);
        while (matcher.find()) {
            addName(text, matcher.end(), evidence, found);
        }
    }

    /** Reads the name that starts at {@code start}, if the evidence is enough for it. */
    private static void addName(String text, int start, Evidence evidence, List<Finding> found) {
        Matcher word = NAME_WORD.matcher(text).region(start, text.length());
        if (!word.lookingAt()) {
            return;
        }
        String first = word.group();
        int end = word.end();
        List<String> more = new ArrayList<>();
        int next = end;
        // A first name is followed by at most two more name words on the same line: "Anna Maria von Berg".
        while (more.size() < 2) {
            int gap = next;
            while (gap < text.length() && (text.charAt(gap) == ' ' || text.charAt(gap) == '\t')) {
                gap++;
            }
            if (gap == next) {
                break;
            }
            Matcher particle = PARTICLE.matcher(text).region(gap, text.length());
            int wordStart = particle.lookingAt() ? particle.end() : gap;
            Matcher following = NAME_WORD.matcher(text).region(wordStart, text.length());
            if (!following.lookingAt() || !PiiNameDictionary.canBeSurname(following.group())) {
                break;
            }
            more.add(following.group());
            next = following.end();
        }
        boolean knownFirstName = PiiNameDictionary.isFirstName(first);
        int fullEnd = next;
        int nameEnd;
        switch (evidence) {
            case CONTEXT -> {
                if (!PiiNameDictionary.canBeSurname(first)) {
                    return;
                }
                // "Herr Müller Bescheid geben": only a known first name takes the next word with it.
                nameEnd = knownFirstName && !more.isEmpty() ? fullEnd : end;
            }
            case INTRODUCED -> {
                if (!PiiNameDictionary.canBeSurname(first)) {
                    return;
                }
                nameEnd = fullEnd;
            }
            case GREETED -> {
                if (!knownFirstName && !PiiNameDictionary.canBeSurname(first)) {
                    return;
                }
                nameEnd = fullEnd;
            }
            case FIRST_NAME -> {
                if (!knownFirstName) {
                    return;
                }
                nameEnd = fullEnd;
            }
            case PERSON -> {
                if (!knownFirstName && (more.isEmpty() || !PiiNameDictionary.canBeSurname(first))) {
                    return;
                }
                nameEnd = fullEnd;
            }
            case NAME_LINE -> {
                // "Regards,\nAnna Weber" or "Cheers,\nJolanda": the name is all that is left of the line.
                boolean wholeLine = PiiNameDictionary.canBeSurname(first) && endsNameLine(text, fullEnd)
                        && (!more.isEmpty() || endsLine(text, fullEnd));
                if (!knownFirstName && !wholeLine) {
                    return;
                }
                nameEnd = fullEnd;
            }
            default -> throw new IllegalStateException(evidence.toString());
        }
        found.add(new Finding(PiiType.NAME, start, nameEnd, text.substring(start, nameEnd)));
    }

    private static boolean endsLine(String text, int end) {
        int i = end;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i == text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r';
    }

    /** A name line ends the line, or is followed by an e-mail address in angle brackets or a comma. */
    private static boolean endsNameLine(String text, int end) {
        int i = end;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i == text.length() || "\r\n<,(|;)\"'.".indexOf(text.charAt(i)) >= 0;
    }
}
