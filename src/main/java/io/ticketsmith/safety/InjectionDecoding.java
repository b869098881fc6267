package io.ticketsmith.safety;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds parts of a text that may hide instructions in an encoding and decodes them, so that
 * {@link InjectionScreen} can screen the decoded text too. Only results that are readable text are
 * returned: a hash, an image or a zip in base64 decodes to bytes that are not UTF-8 text and is ignored.
 */
final class InjectionDecoding {

    /** Enough candidates for any real ticket; bounds the work an adversarial text can cause. */
    private static final int MAX_CANDIDATES = 20;
    private static final int MIN_DECODED_LENGTH = 8;

    // Runs of characters are found by a scan, not a regular expression: Java matches a repeated group recursively,
    // so a long enough run of one overflows the stack, and even a character class costs a chain of predicate calls
    // per character, on every request's text. What the runs contain is checked in code.
    /** The base64 alphabet (standard and URL-safe) with its padding: a word of it is a run of at least 4. */
    static final CharRun BASE64_WORD = new CharRun(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_=-", 4);
    private static final int MIN_BASE64_LENGTH = 16;
    /** Hexadecimal digits with their prefixes and separators: a run of at least 16 may hold encoded bytes. */
    static final CharRun HEX_RUN = new CharRun("0123456789ABCDEFabcdefxX\\:, -", 16);
    private static final Pattern HEX_PREFIX = Pattern.compile("0[xX]|\\\\[xX]");
    private static final Pattern NOT_HEX = Pattern.compile("[^0-9A-Fa-f]");
    private static final Pattern HEX_SEPARATORS = Pattern.compile("[\\s:,-]+");
    private static final Pattern UNICODE_ESCAPES = Pattern.compile("[\\\\u0-9A-Fa-f]{36,}");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PERCENT_BYTE = Pattern.compile("%([0-9A-Fa-f]{2})");
    private static final Pattern TRAILING_PADDING = Pattern.compile("=+$");
    private static final Pattern HAS_STANDARD_SYMBOL = Pattern.compile(".*[+/].*");
    private static final Pattern HAS_URL_SAFE_SYMBOL = Pattern.compile(".*[-_].*");
    private static final int MIN_PERCENT_ESCAPES = 3;
    private static final int TAG_FIRST = 0xE0020;
    private static final int TAG_LAST = 0xE007E;

    private InjectionDecoding() {
    }

    /**
     * @param text the text to look into
     * @param withTransforms also return the whole text ROT13-decoded and reversed; off for text that is itself
     *                       a decoding, since ROT13 of ROT13 is the original again
     */
    static List<String> decodings(InjectionText text, boolean withTransforms) {
        Set<String> out = new LinkedHashSet<>();
        base64(text.raw(), out);
        hex(text.raw(), out);
        unicodeEscapes(text.raw(), out);
        percentEncoded(text.raw(), out);
        unicodeTags(text.raw(), out);
        List<String> result = new ArrayList<>(out);
        if (result.size() > MAX_CANDIDATES) {
            result = new ArrayList<>(result.subList(0, MAX_CANDIDATES));
        }
        if (withTransforms && !text.normal().isEmpty()) {
            result.add(rot13(text.normal()));
            result.add(new StringBuilder(text.normal()).reverse().toString());
        }
        return result;
    }

    /**
     * Each base64-looking word alone, and words on consecutive lines joined, because mail clients and tools
     * wrap base64 at a fixed width (64 or 76 characters): every line of a block as wide as the first, except
     * the last.
     */
    private static void base64(String raw, Set<String> out) {
        List<String> block = new ArrayList<>();
        int blockEnd = -1;
        int start = BASE64_WORD.next(raw, 0);
        while (start >= 0 && out.size() < MAX_CANDIDATES) {
            int end = BASE64_WORD.end(raw, start);
            String word = raw.substring(start, end);
            if (word.length() >= MIN_BASE64_LENGTH) {
                decodeBase64(word).ifPresent(out::add);
            }
            boolean continuesBlock = !block.isEmpty() && isLineBreak(raw, blockEnd, start)
                    && block.get(block.size() - 1).length() == block.get(0).length();
            if (!continuesBlock) {
                decodeWrappedBlock(block, out);
                block.clear();
            }
            block.add(word);
            blockEnd = end;
            start = BASE64_WORD.next(raw, end);
        }
        decodeWrappedBlock(block, out);
    }

    /** The whole block, or without its last line, which may be an ordinary word after the base64. */
    private static void decodeWrappedBlock(List<String> block, Set<String> out) {
        for (int lines = block.size(); lines >= Math.max(2, block.size() - 1); lines--) {
            String joined = String.join("", block.subList(0, lines));
            if (joined.length() < 2 * MIN_BASE64_LENGTH || out.size() >= MAX_CANDIDATES) {
                return;
            }
            Optional<String> decoded = decodeBase64(joined);
            if (decoded.isPresent()) {
                out.add(decoded.get());
                return;
            }
        }
    }

    /** Only whitespace, including one line break, between the two positions. */
    private static boolean isLineBreak(String raw, int from, int to) {
        boolean lineBreak = false;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '\n') {
                lineBreak = true;
            } else if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return lineBreak;
    }

    private static Optional<String> decodeBase64(String candidate) {
        String body = TRAILING_PADDING.matcher(candidate).replaceAll("");
        if (body.length() < MIN_BASE64_LENGTH || body.indexOf('=') >= 0
                || (HAS_STANDARD_SYMBOL.matcher(body).matches() && HAS_URL_SAFE_SYMBOL.matcher(body).matches())) {
            return Optional.empty();
        }
        if (body.length() % 4 == 1) {
            body = body.substring(0, body.length() - 1);
        }
        try {
            Base64.Decoder decoder = HAS_URL_SAFE_SYMBOL.matcher(body).matches()
                    ? Base64.getUrlDecoder() : Base64.getDecoder();
            return readableText(decoder.decode(body + "=".repeat((4 - body.length() % 4) % 4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void hex(String raw, Set<String> out) {
        if (!hasDigit(raw)) {
            return; // hexTokens keeps nothing of a run without a digit
        }
        int start = HEX_RUN.next(raw, 0);
        while (start >= 0 && out.size() < MAX_CANDIDATES) {
            int end = HEX_RUN.end(raw, start);
            String run = raw.substring(start, end);
            start = HEX_RUN.next(raw, end);
            String digits = NOT_HEX.matcher(HEX_PREFIX.matcher(hexTokens(run)).replaceAll("")).replaceAll("");
            if (digits.length() < MIN_BASE64_LENGTH || digits.length() % 2 != 0) {
                continue;
            }
            byte[] bytes = new byte[digits.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
            }
            readableText(bytes).ifPresent(out::add);
        }
    }

    /**
     * The run without words at either end that have no digit: "a bad face 69 67 6e" is the English words
     * "a bad face" and then hex, and the words would shift every byte.
     */
    private static String hexTokens(String run) {
        String[] tokens = HEX_SEPARATORS.split(run.strip());
        int first = 0;
        int last = tokens.length - 1;
        while (first <= last && !hasDigit(tokens[first])) {
            first++;
        }
        while (last >= first && !hasDigit(tokens[last])) {
            last--;
        }
        return first > last ? "" : String.join("", Arrays.copyOfRange(tokens, first, last + 1));
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static void unicodeEscapes(String raw, Set<String> out) {
        if (raw.indexOf('\\') < 0) {
            return; // runs of hexadecimal digits alone hold no escape
        }
        Matcher matcher = UNICODE_ESCAPES.matcher(raw);
        while (matcher.find() && out.size() < MAX_CANDIDATES) {
            Matcher escape = UNICODE_ESCAPE.matcher(matcher.group());
            StringBuilder decoded = new StringBuilder();
            while (escape.find()) {
                decoded.append((char) Integer.parseInt(escape.group(1), 16));
            }
            if (decoded.length() >= MIN_DECODED_LENGTH) {
                out.add(decoded.toString());
            }
        }
    }

    /** Only the percent-encoded words, so that plain text next to a URL is not screened a second time. */
    private static void percentEncoded(String raw, Set<String> out) {
        if (raw.indexOf('%') < 0) {
            return;
        }
        Matcher escapes = PERCENT_BYTE.matcher(raw);
        int count = 0;
        while (escapes.find() && count < MIN_PERCENT_ESCAPES) {
            count++;
        }
        if (count < MIN_PERCENT_ESCAPES) {
            return;
        }
        StringBuilder decoded = new StringBuilder();
        for (String word : WHITESPACE.split(raw)) {
            if (PERCENT_BYTE.matcher(word).find()) {
                decoded.append(percentDecode(word)).append('\n');
            }
        }
        if (decoded.length() >= MIN_DECODED_LENGTH) {
            out.add(decoded.toString());
        }
    }

    private static String percentDecode(String word) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '%' && i + 2 < word.length() && isHex(word.charAt(i + 1)) && isHex(word.charAt(i + 2))) {
                bytes.write(Integer.parseInt(word, i + 1, i + 3, 16));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** "ASCII smuggling": Unicode tag characters mirror ASCII and are invisible in most user interfaces. */
    private static void unicodeTags(String raw, Set<String> out) {
        if (raw.chars().noneMatch(c -> Character.isHighSurrogate((char) c))) {
            return; // tags are above U+FFFF
        }
        StringBuilder decoded = new StringBuilder();
        raw.codePoints()
                .filter(cp -> cp >= TAG_FIRST && cp <= TAG_LAST)
                .forEach(cp -> decoded.append((char) (cp - 0xE0000)));
        if (decoded.length() >= MIN_DECODED_LENGTH) {
            out.add(decoded.toString());
        }
    }

    static String rot13(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) ('a' + (c - 'a' + 13) % 26);
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) ('A' + (c - 'A' + 13) % 26);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Strict UTF-8 made mostly of letters, digits, spaces and punctuation, with at least one space. */
    private static Optional<String> readableText(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (text.length() < MIN_DECODED_LENGTH || text.indexOf(' ') < 0) {
            return Optional.empty();
        }
        long readable = text.codePoints()
                .filter(cp -> Character.isLetterOrDigit(cp) || Character.isWhitespace(cp)
                        || (cp >= 0x21 && cp <= 0x7E))
                .count();
        return readable >= 0.9 * text.codePoints().count() ? Optional.of(text) : Optional.empty();
    }

    /**
     * Runs of at least a minimum length of characters from an ASCII set, left to right: what {@code find()} of the
     * regular expression {@code [set]{min,}} finds, one longest run at a time.
     */
    static final class CharRun {

        private final boolean[] member = new boolean[128];
        private final int minLength;

        CharRun(String set, int minLength) {
            for (char c : set.toCharArray()) {
                member[c] = true;
            }
            this.minLength = minLength;
        }

        private boolean contains(char c) {
            return c < member.length && member[c];
        }

        /** Where the next run at or after {@code from} starts, or -1. */
        int next(String text, int from) {
            int i = from;
            while (i < text.length()) {
                while (i < text.length() && !contains(text.charAt(i))) {
                    i++;
                }
                int start = i;
                i = end(text, start);
                if (i - start >= minLength) {
                    return start;
                }
            }
            return -1;
        }

        /** Where the run starting at {@code start} ends (exclusive). */
        int end(String text, int start) {
            int i = start;
            while (i < text.length() && contains(text.charAt(i))) {
                i++;
            }
            return i;
        }
    }
}
