package io.ticketsmith.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In the running application, a base URL and a flavour put the real adapter, on Boot's HTTP client, behind the gateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ticketsmith.jira.flavor=datacenter",
    "ticketsmith.jira.api-token=" + JiraFixtures.TOKEN,
    "ticketsmith.llm.worker=false",
    "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
class JiraGatewaySelectionTest {

    @RegisterExtension
    static WireMockExtension jira = JiraFixtures.fakeJira();

    @DynamicPropertySource
    static void jiraAtTheFake(DynamicPropertyRegistry registry) {
        registry.add("ticketsmith.jira.base-url", jira::baseUrl);
    }

    @Autowired
    JiraGateway gateway;

    @Test
    void dataCenterFlavorSelectsTheDataCenterAdapterWhichReachesJira() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-12")).willReturn(okJson("""
                {"key": "OPS-12", "fields": {"summary": "VPN drops", "description": "Since Monday.",
                  "status": {"name": "Open", "statusCategory": {"key": "new"}}, "labels": [],
                  "reporter": {"name": "jdoe", "displayName": "John Doe"},
                  "issuetype": {"name": "Bug"}, "project": {"key": "OPS"}}}""")));

        assertThat(gateway).isInstanceOf(DataCenterJiraGateway.class);
        assertThat(gateway.name()).isEqualTo("datacenter " + jira.baseUrl());
        assertThat(gateway.getIssue("OPS-12").summary()).isEqualTo("VPN drops");
        jira.verify(getRequestedFor(urlPathEqualTo("/rest/api/2/issue/OPS-12"))
                .withHeader("Authorization", equalTo("Bearer " + JiraFixtures.TOKEN)));
    }
}
