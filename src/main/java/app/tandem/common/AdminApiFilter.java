package app.tandem.common;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Logger;

/** Bearer-token check for {@link AdminApi} resources; the whole API answers 404 while TANDEM_ADMIN_TOKEN is unset. */
@Provider
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public class AdminApiFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(AdminApiFilter.class.getName());

    @Inject
    Settings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> expected = settings.adminToken();
        if (expected.isEmpty()) {
            request.abortWith(ApiError.of(404, "The admin API is disabled: set TANDEM_ADMIN_TOKEN on the server to enable it."));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.abortWith(ApiError.of(401, "Send the admin token as 'Authorization: Bearer <TANDEM_ADMIN_TOKEN>'."));
            return;
        }
        if (!Tokens.constantTimeEquals(header.substring(7).strip(), expected.get())) {
            LOG.warning(() -> "admin API: wrong bearer token for " + request.getMethod() + " " + request.getUriInfo().getPath());
            request.abortWith(ApiError.of(401, "The admin token is not valid."));
        }
    }
}
