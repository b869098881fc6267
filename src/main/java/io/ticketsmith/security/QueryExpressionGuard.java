package io.ticketsmith.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.ticketsmith.engine.EngineCommands;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;

/**
 * No expression a user sends is ever evaluated. Task queries can carry expressions ({@code dueAfterExpression},
 * {@code candidateGroupsExpression}, …) that the engine evaluates with full access to Java; Camunda 7.24.0 refuses
 * them in ad-hoc queries only at the top level of a query, never inside its {@code orQueries}, so any engine-REST
 * or webapp user could run code on the server (CVE-2026-109432). This guard checks every task query the engine
 * runs, whichever door it came through (engine REST, the webapps' API, Java), including its or-queries:
 * <ul>
 * <li>an ad-hoc query, and the query a user extends a stored filter with, may hold no expression at all;</li>
 * <li>a stored filter, when it is saved and when it runs, may hold only the expressions Tasklist's filters need:
 * {@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}} and date arithmetic on
 * {@code ${dateTime()}}.</li>
 * </ul>
 */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

    /** The expressions a stored filter may use. */
    static final Pattern ALLOWED_IN_FILTERS = Pattern.compile("\\$\\{\\s*(?:currentUser\\(\\)|currentUserGroups\\(\\)"
            + "|now\\(\\)|dateTime\\(\\)(?:\\.(?:plus|minus)(?:Seconds|Minutes|Hours|Days|Weeks|Months|Years)\\(\\d{1,6}\\))*"
            + "(?:\\.toDate\\(\\))?)\\s*}");

    private static final ThreadLocal<Boolean> RUNNING_FILTER = ThreadLocal.withInitial(() -> false);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addPostInterceptor(configuration, new Guard());
    }

    static final class Guard extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof SaveFilterCmd save) {
                Filter filter = EngineCommands.field(save, SaveFilterCmd.class, "filter", Filter.class);
                if (filter != null) {
                    checkStored(filter.getQuery());
                }
            } else if (command instanceof AbstractExecuteFilterCmd run) {
                checkAdhoc(EngineCommands.field(run, AbstractExecuteFilterCmd.class, "extendingQuery", Query.class));
                String filterId = EngineCommands.field(run, AbstractExecuteFilterCmd.class, "filterId", String.class);
                FilterEntity stored = filterId == null ? null
                        : Context.getCommandContext().getFilterManager().findFilterById(filterId);
                if (stored != null) {
                    checkStored(stored.getQuery());
                }
                return runningFilter(command);
            } else if (command instanceof TaskQueryImpl query && !RUNNING_FILTER.get()) {
                checkAdhoc(query);
            }
            return next.execute(command);
        }

        private <T> T runningFilter(Command<T> command) {
            boolean outer = RUNNING_FILTER.get();
            RUNNING_FILTER.set(true);
            try {
                return next.execute(command);
            } finally {
                RUNNING_FILTER.set(outer);
            }
        }
    }

    static void checkAdhoc(Object query) {
        for (Map.Entry<String, String> expression : expressions(query)) {
            throw new BadUserRequestException("Expressions are not allowed in task queries, also not in orQueries ("
                    + expression.getKey() + ")");
        }
    }

    static void checkStored(Object query) {
        for (Map.Entry<String, String> expression : expressions(query)) {
            if (expression.getValue() == null || !ALLOWED_IN_FILTERS.matcher(expression.getValue()).matches()) {
                throw new BadUserRequestException("A filter may use only the expressions ${currentUser()}, "
                        + "${currentUserGroups()}, ${now()} and date arithmetic on ${dateTime()}; "
                        + expression.getKey() + " is not one of them");
            }
        }
    }

    /** Every expression of a task query and of each of its or-queries. */
    private static List<Map.Entry<String, String>> expressions(Object query) {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        if (query instanceof TaskQueryImpl task) {
            collect(task, found, 0);
        }
        return found;
    }

    private static void collect(TaskQueryImpl query, List<Map.Entry<String, String>> found, int depth) {
        found.addAll(query.getExpressions().entrySet());
        if (depth > 3 || query.getQueries() == null) {
            return;
        }
        for (TaskQueryImpl or : query.getQueries()) {
            if (or != query) {
                collect(or, found, depth + 1);
            }
        }
    }

}
