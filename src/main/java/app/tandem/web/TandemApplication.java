package app.tandem.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Every Tandem endpoint is JAX-RS, rooted at the context root; static files are served by {@link StaticAssets}. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Tandem API", version = "0.1",
        description = "Automation API (bearer TANDEM_ADMIN_TOKEN) and, later, the JSON API of course maps and plans."))
public class TandemApplication extends Application {
}
