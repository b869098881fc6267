package io.ticketsmith.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Camunda's HTTP Basic authentication of the engine REST API, as it ships, but for two look-ups made at every call:
 * <ul>
 *   <li>the password is checked through {@link IdentityLogins}, as the application's API checks it: a client's calls
 *       within the remembered while cost no password hash and no group and tenant queries;</li>
 *   <li>the engine REST API's provider of engines is found once, not searched for in every jar of the application
 *       at every call.</li>
 * </ul>
 * What a call may do is decided by the engine's authorizations, as before, for the user and the groups and tenants
 * given here.
 */
class EngineRestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

    /** The engine REST API's own way to find an engine by name, found once (null, and searched again, if none). */
    private final Supplier<ProcessEngineProvider> engines = SingletonSupplier.ofNullable(
            () -> ServiceLoader.load(ProcessEngineProvider.class).findFirst().orElse(null));

    /** @param logins looked up at the first call: the filter is made when the web server starts, before the engine */
    EngineRestAuthenticationFilter(Supplier<IdentityLogins> logins) {
        this.authenticationProvider = new RememberedBasicAuthentication(SingletonSupplier.of(logins));
    }

    /** The provider is this filter's own; only the path prefix is read from the configuration, as Camunda reads it. */
    @Override
    public void init(FilterConfig config) {
        servletPathPrefix = config.getInitParameter(SERVLET_PATH_PREFIX);
    }

    /**
     * The engine the REST API's resources will use for the call, as Camunda's {@code EngineUtil} finds it: through the
     * first {@link ProcessEngineProvider} Java's service loader finds. Camunda loads that provider again at every call,
     * which searches every jar of the application; here it is loaded once.
     */
    @Override
    protected ProcessEngine getAddressedEngine(String engineName) {
        ProcessEngineProvider found = engines.get();
        return found == null ? super.getAddressedEngine(engineName) : found.getProcessEngine(engineName);
    }

    /** {@code Authorization: Basic base64(user:password)}, the password as UTF-8 (RFC 7617), as the API reads it. */
    static final class RememberedBasicAuthentication implements AuthenticationProvider {

        private static final String BASIC = "Basic ";

        private final Supplier<IdentityLogins> logins;
        /** Only for the challenge, which is Camunda's. */
        private final HttpBasicAuthenticationProvider challenge = new HttpBasicAuthenticationProvider();

        RememberedBasicAuthentication(Supplier<IdentityLogins> logins) {
            this.logins = logins;
        }

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            String header = request.getHeader("Authorization");
            if (header == null || !header.startsWith(BASIC)) {
                return AuthenticationResult.unsuccessful();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return AuthenticationResult.unsuccessful();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return AuthenticationResult.unsuccessful();
            }
            String userId = decoded.substring(0, colon);
            IdentityLogins.Login login = logins.get().check(engine.getIdentityService(), userId,
                    decoded.substring(colon + 1));
            if (login == null) {
                return AuthenticationResult.unsuccessful(userId);
            }
            AuthenticationResult result = AuthenticationResult.successful(login.userId());
            result.setGroups(login.groupIds());
            result.setTenants(login.tenantIds());
            return result;
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            challenge.augmentResponseByAuthenticationChallenge(response, engine);
        }
    }
}
