package io.ticketsmith.engine;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes starting together on one database start one after the other: the first creates the engine's schema,
 * the groups, grants and Tasklist filters and deploys the model folders; the next finds them there. Without it two
 * nodes on an empty database both created the schema, or both inserted the same group
 * ({@code duplicate key ... act_uniq_auth_group}), and one of them crashed. The lock is taken before the engine is
 * built (the first plugin) and released when the application is ready, or when it fails to start.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClusterStartLock extends AbstractProcessEnginePlugin implements ApplicationListener<ApplicationReadyEvent>,
        DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterStartLock.class);

    private final DataSource dataSource;
    private ClusterLock.Held held;

    ClusterStartLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
        long started = System.nanoTime();
        held = ClusterLock.acquire(dataSource, ClusterLock.START);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        if (waitedMillis > 500) {
            log.info("Waited {} ms for another node to finish starting", waitedMillis);
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        release();
    }

    @Override
    public void destroy() {
        release();
    }

    private synchronized void release() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
