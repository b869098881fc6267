package io.ticketsmith.reply;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language a ticket is written in, told by its most frequent function words; enough to answer in the same
 * language, with no model to download. Text too short or too mixed to tell is taken as English.
 */
public final class TicketLanguage {

    /** A language a reply can be written in: its ISO 639-1 code and its English name for the prompt. */
    public record Language(String code, String name) {
    }

    public static final Language ENGLISH = new Language("en", "English");

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+]");
    /** Words frequent in one language and rare in the others. */
    private static final Map<Language, Set<String>> FUNCTION_WORDS = Map.of(
            ENGLISH, Set.of("the", "and", "is", "are", "not", "with", "this", "that", "have", "has", "for", "you",
                    "since", "when", "please", "our", "can", "cannot", "does", "was", "it", "my", "we", "of"),
            new Language("de", "German"), Set.of("der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine",
                    "seit", "bitte", "ich", "wir", "sie", "auf", "für", "kann", "keine", "wird", "beim", "den", "dem",
                    "auch", "noch", "mein", "meine", "unser", "haben", "hat"),
            new Language("fr", "French"), Set.of("le", "la", "les", "et", "est", "pas", "avec", "une", "des", "depuis",
                    "je", "nous", "vous", "pour", "sur", "ne", "mon", "notre", "dans", "merci", "il", "ce", "du"),
            new Language("es", "Spanish"), Set.of("el", "los", "las", "y", "es", "con", "una", "desde", "yo",
                    "nosotros", "para", "por", "mi", "nuestro", "gracias", "muy", "del", "al", "que", "funciona"),
            new Language("it", "Italian"), Set.of("il", "gli", "e", "è", "non", "con", "una", "dal", "io", "noi",
                    "per", "mio", "nostro", "grazie", "della", "che", "funziona", "sono"),
            new Language("nl", "Dutch"), Set.of("de", "het", "een", "en", "is", "niet", "met", "sinds", "ik", "wij",
                    "voor", "mijn", "ons", "onze", "bedankt", "werkt", "geen", "van", "ook", "dat", "graag"),
            new Language("pt", "Portuguese"), Set.of("o", "os", "as", "e", "é", "não", "com", "uma", "desde", "eu",
                    "nós", "para", "meu", "nosso", "obrigado", "funciona", "do", "da", "que", "está"));
    private static final int MIN_HITS = 2;

    private TicketLanguage() {
    }

    /** The language of the text, English when it cannot tell. */
    public static Language of(String text) {
        if (text == null || text.isBlank()) {
            return ENGLISH;
        }
        Matcher words = WORD.matcher(PLACEHOLDER.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT));
        Map<Language, Integer> hits = new java.util.HashMap<>();
        while (words.find()) {
            String word = words.group();
            FUNCTION_WORDS.forEach((language, set) -> {
                if (set.contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        List<Map.Entry<Language, Integer>> ranked = hits.entrySet().stream()
                .sorted(Map.Entry.<Language, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(entry -> entry.getKey().code()))
                .toList();
        if (ranked.isEmpty() || ranked.get(0).getValue() < MIN_HITS
                || ranked.size() > 1 && ranked.get(1).getValue().equals(ranked.get(0).getValue())) {
            return ENGLISH;
        }
        return ranked.get(0).getKey();
    }
}
