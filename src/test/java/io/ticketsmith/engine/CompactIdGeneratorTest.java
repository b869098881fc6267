package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class CompactIdGeneratorTest {

    /** Numbers on both sides of each change of length in base 36, and the extremes. */
    private static final long[] NUMBERS = LongStream.concat(
            LongStream.of(0, 1, 2, 34, 35, 36, 37, 1295, 1296, 1297, 46655, 46656, 1_000_000, Long.MAX_VALUE),
            LongStream.rangeClosed(1, 12).map(power -> (long) Math.pow(36, power) - 1)).sorted().distinct().toArray();

    @Test
    void idsAreShortLettersAndDigitsWithoutDashesAndNeverOnlyDigits() {
        CompactIdGenerator ids = new CompactIdGenerator(5);

        assertThat(ids.getNextId()).isEqualTo("a5a0");
        assertThat(ids.getNextId()).isEqualTo("a5a1");
        for (int i = 2; i < 1_000_000; i++) {
            ids.getNextId();
        }
        assertThat(ids.getNextId()).isEqualTo("a5d" + Long.toString(1_000_000, 36)).hasSize(7);
        assertThat(new CompactIdGenerator(Long.MAX_VALUE).getNextId()).matches("[a-m][0-9a-z]+[a-m][0-9a-z]+")
                .hasSizeLessThanOrEqualTo(28);
    }

    @Test
    void noTwoSpacesAndCountersMakeTheSameId() {
        Set<String> pairs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        // All pairs below 300, among them those that read alike when simply put together, (1, 23) and (12, 3).
        LongStream small = LongStream.range(0, 300);
        for (long space : LongStream.concat(small, LongStream.of(NUMBERS)).toArray()) {
            for (long count : LongStream.concat(LongStream.range(0, 300), LongStream.of(NUMBERS)).toArray()) {
                pairs.add(space + "/" + count);
                ids.add(CompactIdGenerator.lengthPrefixed(space) + CompactIdGenerator.lengthPrefixed(count));
            }
        }
        assertThat(ids).hasSize(pairs.size()).hasSizeGreaterThan(90_000);
    }

    @Test
    void aNodesIdsSortInTheOrderItMadeThem() {
        List<String> written = new ArrayList<>();
        for (long number : NUMBERS) {
            written.add(CompactIdGenerator.lengthPrefixed(number));
        }
        assertThat(written).isSorted();
    }

    @Test
    void eachStartTakesAnIdSpaceNoOtherStartHas() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:compact-ids-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new JdbcTemplate(database).execute(Files.readString(
                Path.of("src/main/resources/db/migration/V21__engine_id_space.sql")));

        String first = CompactIdGenerator.forNewSpace(database).getNextId();
        String second = CompactIdGenerator.forNewSpace(database).getNextId();

        assertThat(first).isEqualTo("a1a0");
        assertThat(second).isEqualTo("a2a0");
    }
}
