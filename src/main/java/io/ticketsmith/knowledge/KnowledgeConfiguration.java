package io.ticketsmith.knowledge;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

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
    LocalEmbeddingModel localEmbeddingModel() {
        return new LocalEmbeddingModel();
    }

    @Bean
    KnowledgeIndex knowledgeIndex(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            ObjectProvider<EmbeddingModel> embeddingModels, ObjectMapper json, Clock clock) {
        return new KnowledgeIndex(jdbc, new TransactionTemplate(transactions), embeddingModels.getObject(), json, clock);
    }

    @Bean
    Knowledge knowledge(KnowledgeIndex index, KnowledgeProperties properties, Clock clock) {
        return new Knowledge(index, properties, clock);
    }
}
