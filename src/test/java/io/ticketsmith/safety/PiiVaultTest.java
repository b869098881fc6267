package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.ProposedAction;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The PII vault on a real (in-memory) database with the application's migrations. */
class PiiVaultTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:pii-vault-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    private PiiVault vault(boolean restore, String key) {
        return new PiiVault(jdbc, new PiiProperties(restore, key));
    }

    @Test
    void offByDefaultKeepsNothingAndRestoresNothing() {
        PiiVault vault = vault(false, null);

        vault.store("REQ-1", Map.of("[EMAIL_1]", "ann@example.org"));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ts_pii_vault", Long.class)).isZero();
        assertThat(vault.restore("REQ-1", "Reply to [EMAIL_1]")).isEqualTo("Reply to [EMAIL_1]");
    }

    @Test
    void originalsAreStoredEncryptedAndRestoredForTheirRequestOnly() {
        PiiVault vault = vault(true, KEY);

        vault.store("REQ-1", Map.of("[EMAIL_1]", "ann@example.org"));

        String stored = jdbc.queryForObject("SELECT value_enc FROM ts_pii_vault", String.class);
        assertThat(stored).doesNotContain("ann").doesNotContain("example.org");
        assertThat(vault.restore("REQ-1", "Reply to [EMAIL_1]")).isEqualTo("Reply to ann@example.org");
        assertThat(vault.restore("REQ-2", "Reply to [EMAIL_1]")).isEqualTo("Reply to [EMAIL_1]");
    }

    @Test
    void forgettingARequestDeletesItsOriginals() {
        PiiVault vault = vault(true, KEY);
        vault.store("REQ-1", Map.of("[EMAIL_1]", "ann@example.org"));

        vault.forget("REQ-1");

        assertThat(vault.restore("REQ-1", "[EMAIL_1]")).isEqualTo("[EMAIL_1]");
    }

    @Test
    void aDifferentKeyCannotReadTheValuesAndSaysSoWithoutThem() {
        vault(true, KEY).store("REQ-1", Map.of("[EMAIL_1]", "ann@example.org"));

        assertThatThrownBy(() -> vault(true, OTHER_KEY).restore("REQ-1", "[EMAIL_1]"))
                .hasMessageContaining("TICKETSMITH_PII_VAULT_KEY").hasMessageNotContaining("ann");
    }

    @Test
    void restoringWithoutAKeyIsRefusedAtStartNamingTheVariable() {
        assertThatThrownBy(() -> vault(true, null)).hasMessageContaining("TICKETSMITH_PII_VAULT_KEY");
        assertThatThrownBy(() -> vault(true, "c2hvcnQ=")).hasMessageContaining("16, 24 or 32 bytes");
    }

    @Test
    void approvedActionsGetTheOriginalsBackBeforeSanitisingAndTracing() {
        PiiVault vault = vault(true, KEY);
        vault.store("REQ-1", Map.of("[EMAIL_1]", "ann@example.org", "[NAME_1]", "Ann Smith"));
        SafetyProperties any = new SafetyProperties(null, null, null, null, null);
        ActionPolicy policy = new ActionPolicy(any, new JiraTextSanitizer(any), vault);

        ProposedAction forJira = policy.forJira(ProposedAction.createIssue("WEB", "Bug", "Refund for [NAME_1]",
                "Contact [EMAIL_1]", List.of(), "[EMAIL_1]"), "REQ-1");

        assertThat(forJira.summary()).isEqualTo("Refund for Ann Smith");
        assertThat(forJira.description()).isEqualTo("Contact ann@example.org\n\n—\nTicketsmith request REQ-1");
        assertThat(forJira.assignee()).isEqualTo("ann@example.org");
    }
}
