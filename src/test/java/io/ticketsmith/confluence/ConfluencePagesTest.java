package io.ticketsmith.confluence;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.support.FakeConfluenceApi;
import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/** Creating pages against a fake Confluence Cloud and Data Center, checked as strictly as the vendor checks. */
class ConfluencePagesTest {

    private static final String EMAIL = "ticketsmith-bot@acme.example";
    private static final String TOKEN = "ATATT3xFfGF0-confluence-t0ken";
    private static final String LABEL = "ts-3f9a1c2b7d4e5f60";
    private static final String TITLE = "Checkout outage post-mortem";
    private static final String STORAGE = "<p>Jira issue: WEB-7</p><h2>Summary</h2><p>Card payments failed.</p>";

    @RegisterExtension
    static WireMockExtension confluence = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));

    private ConfluencePages pages(ConfluenceProperties.Flavor flavor) {
        ConfluenceProperties properties = new ConfluenceProperties(false, confluence.baseUrl(), flavor, List.of(),
                flavor == ConfluenceProperties.Flavor.CLOUD ? EMAIL : null, TOKEN, 25, Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        return new ConfluencePages(properties, RestClient.builder(), ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(http -> http.version(HttpClient.Version.HTTP_1_1)), clock);
    }

    @Nested
    class Cloud {

        private final FakeConfluenceApi api = FakeConfluenceApi.cloud(confluence, "Basic "
                + Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        private final ConfluencePages pages = pages(ConfluenceProperties.Flavor.CLOUD);

        @Test
        void pageIsCreatedInTheSpaceFoundByKeyUnderItsParentThenLabelled() {
            api.hasNoPageLabelled(LABEL);
            api.hasSpace("ENG", "98304");
            api.createsPage("98765", TITLE);
            api.acceptsLabels("98765");

            CreatedPage page = pages.create(new NewPage("ENG", "65538", TITLE, STORAGE), LABEL);

            api.verifyCreated("{\"spaceId\":\"98304\",\"status\":\"current\",\"title\":\"" + TITLE + "\","
                    + "\"parentId\":\"65538\",\"body\":{\"representation\":\"storage\",\"value\":\""
                    + STORAGE + "\"}}");
            api.verifyLabelled("98765", LABEL);
            assertThat(page).isEqualTo(new CreatedPage("98765", TITLE, api.pageUrl("98765", TITLE), true));
            assertThat(page.url()).startsWith(confluence.baseUrl() + "/wiki/spaces/ENG/pages/98765/");
        }

        @Test
        void pageWithoutParentLeavesParentIdOut() {
            api.hasNoPageLabelled(LABEL);
            api.hasSpace("ENG", "98304");
            api.createsPage("98765", TITLE);
            api.acceptsLabels("98765");

            pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL);

            api.verifyCreated("{\"spaceId\":\"98304\",\"status\":\"current\",\"title\":\"" + TITLE + "\","
                    + "\"body\":{\"representation\":\"storage\",\"value\":\"" + STORAGE + "\"}}");
        }

        @Test
        void pageCreatedEarlierIsFoundByItsLabelAndNotCreatedAgain() {
            api.hasPageLabelled(LABEL, "98765", TITLE);

            CreatedPage page = pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL);

            assertThat(page).isEqualTo(new CreatedPage("98765", TITLE, api.pageUrl("98765", TITLE), false));
            api.verifyCreatedTimes(0);
            api.verifyLabelledTimes(0);
        }

        @Test
        void titleAlreadyInTheSpaceIsRejectedWithAMessageTheReviewerCanActOn() {
            api.hasNoPageLabelled(LABEL);
            api.hasSpace("ENG", "98304");
            api.refusesTitleAlreadyInSpace(TITLE);

            ConfluenceRejectedException rejected = catchThrowableOfType(ConfluenceRejectedException.class,
                    () -> pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL));

            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected).hasMessage("Confluence refused the page: a page titled \"" + TITLE
                    + "\" already exists in space ENG; change the title or the space and approve again");
            api.verifyLabelledTimes(0);
        }

        @Test
        void unknownSpaceIsRejectedBeforeAnythingIsCreated() {
            api.hasNoPageLabelled(LABEL);
            api.hasNoSpace("NOPE");

            assertThatThrownBy(() -> pages.create(new NewPage("NOPE", null, TITLE, STORAGE), LABEL))
                    .isInstanceOf(ConfluenceRejectedException.class)
                    .hasMessageContaining("no space with key NOPE");
            api.verifyCreatedTimes(0);
        }

        @Test
        void missingPermissionIsRejectedInConfluencesWords() {
            api.hasNoPageLabelled(LABEL);
            api.hasSpace("ENG", "98304");
            api.refusesPermission();

            assertThatThrownBy(() -> pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL))
                    .isInstanceOf(ConfluenceRejectedException.class)
                    .hasMessageContaining("(403)")
                    .hasMessageContaining("User not permitted to create content in space")
                    .hasMessageContaining("permission to add pages");
        }

        @Test
        void rateLimitCarriesTheWaitConfluenceAskedFor() {
            api.hasNoPageLabelled(LABEL);
            api.hasSpace("ENG", "98304");
            api.rateLimitsCreating(30);

            ConfluenceRateLimitedException limited = catchThrowableOfType(ConfluenceRateLimitedException.class,
                    () -> pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL));

            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void refusedCredentialIsTechnicalAndNamesTheVariablesNotTheToken() {
            // No stub answers another credential: Confluence's 401 for an expired token.
            confluence.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/wiki/rest/api/content/search"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)));

            ConfluenceException failure = catchThrowableOfType(ConfluenceException.class,
                    () -> pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL));

            assertThat(failure).isNotInstanceOf(ConfluenceRejectedException.class)
                    .hasMessageContaining("TICKETSMITH_CONFLUENCE_TOKEN").hasMessageNotContaining(TOKEN);
            assertThat(failure.status()).isEqualTo(401);
        }
    }

    @Nested
    class DataCenter {

        private final FakeConfluenceApi api = FakeConfluenceApi.dataCenter(confluence, "Bearer " + TOKEN);
        private final ConfluencePages pages = pages(ConfluenceProperties.Flavor.DATA_CENTER);

        @Test
        void pageIsCreatedInTheSpaceByKeyUnderItsAncestorThenLabelled() {
            api.hasNoPageLabelled(LABEL);
            api.createsPage("229378", TITLE);
            api.acceptsLabels("229378");

            CreatedPage page = pages.create(new NewPage("ENG", "65538", TITLE, STORAGE), LABEL);

            api.verifyCreated("{\"type\":\"page\",\"title\":\"" + TITLE + "\",\"space\":{\"key\":\"ENG\"},"
                    + "\"ancestors\":[{\"id\":\"65538\"}],\"body\":{\"storage\":{\"value\":\"" + STORAGE + "\","
                    + "\"representation\":\"storage\"}}}");
            api.verifyLabelled("229378", LABEL);
            assertThat(page).isEqualTo(new CreatedPage("229378", TITLE, api.pageUrl("229378", TITLE), true));
            assertThat(page.url()).isEqualTo(confluence.baseUrl() + "/display/ENG/Checkout+outage+post-mortem");
        }

        @Test
        void pageCreatedEarlierIsFoundByItsLabelAndNotCreatedAgain() {
            api.hasPageLabelled(LABEL, "229378", TITLE);

            CreatedPage page = pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL);

            assertThat(page.created()).isFalse();
            assertThat(page.id()).isEqualTo("229378");
            api.verifyCreatedTimes(0);
        }

        @Test
        void titleAlreadyInTheSpaceIsRejectedWithAMessageTheReviewerCanActOn() {
            api.hasNoPageLabelled(LABEL);
            api.refusesTitleAlreadyInSpace(TITLE);

            assertThatThrownBy(() -> pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL))
                    .isInstanceOf(ConfluenceRejectedException.class)
                    .hasMessageContaining("a page titled \"" + TITLE + "\" already exists in space ENG");
        }

        @Test
        void rateLimitCarriesTheWaitConfluenceAskedFor() {
            api.hasNoPageLabelled(LABEL);
            api.rateLimitsCreating(120);

            ConfluenceRateLimitedException limited = catchThrowableOfType(ConfluenceRateLimitedException.class,
                    () -> pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL));

            assertThat(limited.retryAfter()).isEqualTo(Duration.ofMinutes(2));
        }

        @Test
        void missingPermissionIsRejectedInConfluencesWords() {
            api.hasNoPageLabelled(LABEL);
            api.refusesPermission();

            assertThatThrownBy(() -> pages.create(new NewPage("ENG", null, TITLE, STORAGE), LABEL))
                    .isInstanceOf(ConfluenceRejectedException.class)
                    .hasMessageContaining("Could not create content with type page");
        }
    }
}
