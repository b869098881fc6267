package io.ticketsmith.knowledge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.confluence.ConfluenceClient;
import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.safety.PiiRedactor;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    /** The offline model, unless a provider's embedding model is chosen ({@code spring.ai.model.embedding}). */
    @Bean
    @ConditionalOnProperty(name = "spring.ai.model.embedding", havingValue = "none", matchIfMissing = true)
    LocalEmbeddingModel localEmbeddingModel(KnowledgeProperties properties) {
        return new LocalEmbeddingModel(properties.localModel());
    }

    @Bean(destroyMethod = "close")
    KnowledgeIndex knowledgeIndex(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            ObjectProvider<EmbeddingModel> embeddingModels, ObjectMapper json, Clock clock,
            KnowledgeProperties properties) {
        KnowledgeIndex index = new KnowledgeIndex(jdbc, new TransactionTemplate(transactions),
                embeddingModels.getObject(), json, clock);
        if (properties.enabled()) {
            // What other nodes add becomes searchable here within a second, and no search waits for it.
            index.refreshEvery(java.time.Duration.ofSeconds(1));
            // After a change of the offline model, what the other one embedded is embedded again, a batch a second.
            index.reembedStaleEvery(java.time.Duration.ofSeconds(1));
        }
        return index;
    }

    /**
     * The sync of each configured source: Jira's resolved issues when a real Jira is configured, Confluence's pages
     * when {@code ticketsmith.knowledge.confluence.enabled}; none while the knowledge index is off.
     */
    @Bean
    KnowledgeSync knowledgeSync(KnowledgeIndex index, KnowledgeProperties knowledge,
            KnowledgeSyncProperties properties, JiraGateway jira, ObjectProvider<ConfluenceClient> confluence,
            PiiRedactor redactor, JdbcTemplate jdbc, DataSource dataSource, Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        List<SyncSource> sources = new ArrayList<>();
        if (knowledge.enabled()) {
            if (jira.sendsToJira()) {
                sources.add(new JiraKnowledgeSource(jira, properties));
            }
            confluence.ifAvailable(client -> sources.add(new ConfluenceKnowledgeSource(client, properties)));
        }
        return new KnowledgeSync(index, new SyncStateStore(jdbc), sources, redactor, properties, dataSource, clock,
                meters);
    }

    /** {@code ticketsmith_knowledge_documents{source}}: what the index holds, per kind (a bounded set). */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder knowledgeDocuments(KnowledgeIndex index) {
        return registry -> {
            for (String source : List.of("request", "analysis", "jira", "confluence")) {
                io.micrometer.core.instrument.Gauge.builder("ticketsmith.knowledge.documents", index,
                                counted -> counted.size(source))
                        .tag("source", source).description("Documents in the knowledge index").register(registry);
            }
        };
    }

    @Bean
    Knowledge knowledge(KnowledgeIndex index, KnowledgeProperties properties, Clock clock) {
        return new Knowledge(index, properties, clock);
    }
}
