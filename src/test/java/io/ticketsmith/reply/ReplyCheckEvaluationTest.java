package io.ticketsmith.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.safety.PiiRedactor;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply check against {@code src/test/resources/reply/draft-replies.tsv}: drafts written for this set, each
 * labelled with what a careful reviewer would flag, checked with the real redactor and the real
 * {@code dmn/reply-rules.dmn}. Every blocking problem must be found (a reply with one must never be sent); of the rest,
 * the figures are logged and held to a floor, so a change that makes the check worse fails the build.
 */
class ReplyCheckEvaluationTest {

    private static final Logger log = LoggerFactory.getLogger(ReplyCheckEvaluationTest.class);
    private static final Set<String> BLOCKING = Set.of(ReplyValidator.TEMPLATE_GAP, ReplyValidator.OTHER_PERSON,
            ReplyValidator.UNRESOLVED, ReplyValidator.LINK_NOT_ALLOWED);
    private static final List<String> ADDRESSEE = List.of("[EMAIL_1]");

    record Draft(int line, boolean restored, Set<String> expected, String subject, String body) {
    }

    @Test
    void findsEveryBlockingProblemAndMostWarningsOfTheLabelledDrafts() throws IOException {
        List<Draft> drafts = drafts();
        PiiRedactor redactor = new PiiRedactor();
        ReplyValidator validator = new ReplyValidator(new ReplyValidator.Rules(40, 2500, List.of("example.com"),
                ReplyRulesTable.phrases("api"), List.of("Kind regards,\nThe support team",
                        "Viele Grüße\nIhr Support-Team")), text -> redactor.redact(text).counts());

        Map<String, int[]> byCode = new TreeMap<>(); // true positives, false positives, false negatives
        int exact = 0;
        List<String> misses = new ArrayList<>();
        for (Draft draft : drafts) {
            ProposedAction reply = ProposedAction.draftReply("[EMAIL_1]", draft.subject(), draft.body());
            Set<String> resolved = draft.restored() ? Set.of("[EMAIL_1]", "[NAME_1]") : Set.of();
            Set<String> found = new TreeSet<>(validator.check(1, reply, ADDRESSEE, resolved).stream()
                    .map(ReplyFinding::code).toList());
            if (found.equals(draft.expected())) {
                exact++;
            } else {
                misses.add("line " + draft.line() + ": expected " + draft.expected() + ", found " + found);
            }
            for (String code : union(found, draft.expected())) {
                int[] counts = byCode.computeIfAbsent(code, key -> new int[3]);
                boolean isFound = found.contains(code);
                boolean isExpected = draft.expected().contains(code);
                counts[isFound && isExpected ? 0 : isFound ? 1 : 2]++;
            }
        }
        StringBuilder report = new StringBuilder(String.format("%d drafts, %d checked exactly as labelled (%.2f)%n",
                drafts.size(), exact, exact / (double) drafts.size()));
        byCode.forEach((code, counts) -> report.append(String.format("  %-17s found %2d, wrongly %d, missed %d%n", code,
                counts[0], counts[1], counts[2])));
        misses.forEach(miss -> report.append("  ").append(miss).append('\n'));
        log.info("Reply check on the labelled drafts:\n{}", report);

        assertThat(drafts).as("labelled drafts").hasSizeGreaterThanOrEqualTo(50);
        for (String code : BLOCKING) {
            assertThat(byCode.getOrDefault(code, new int[3])[2]).as("%s missed\n%s", code, report).isZero();
        }
        assertThat(exact / (double) drafts.size()).as("share checked exactly as labelled\n%s", report)
                .isGreaterThanOrEqualTo(0.9);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Draft> drafts() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/reply/draft-replies.tsv"),
                StandardCharsets.UTF_8);
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            assertThat(columns).as("line %d", i + 1).hasSize(4);
            Set<String> expected = columns[1].equals("-") ? Set.of()
                    : new TreeSet<>(Arrays.asList(columns[1].split(",")));
            drafts.add(new Draft(i + 1, columns[0].equals("on"), expected, columns[2],
                    columns[3].replace("\\n", "\n")));
        }
        return drafts;
    }
}
