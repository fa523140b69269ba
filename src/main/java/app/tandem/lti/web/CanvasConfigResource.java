package app.tandem.lti.web;

import app.tandem.lti.application.ToolConfiguration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The JSON a Canvas admin pastes (or points to by URL) when creating an LTI developer key: URLs, scopes and the
 * placements Tandem offers — course navigation (teachers and students), account navigation (coordinators),
 * and deep linking from assignment selection, link selection and the rich-content editor.
 */
@Path("lti/canvas-config.json")
@RequestScoped
public class CanvasConfigResource {
    private static final String RESOURCE_LINK = "LtiResourceLinkRequest";
    private static final String DEEP_LINK = "LtiDeepLinkingRequest";

    @Inject
    ToolConfiguration tool;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String config() {
        JsonArrayBuilder placements = Json.createArrayBuilder()
                .add(placement("course_navigation", RESOURCE_LINK, "Tandem").add("default", "enabled").add("visibility", "members"))
                .add(placement("account_navigation", RESOURCE_LINK, "Tandem for the district").add("visibility", "admins"))
                .add(placement("assignment_selection", DEEP_LINK, "Tandem"))
                .add(placement("link_selection", DEEP_LINK, "Tandem"))
                .add(placement("editor_button", DEEP_LINK, "Tandem").add("icon_url", tool.iconUrl()));
        JsonObjectBuilder custom = Json.createObjectBuilder();
        ToolConfiguration.CANVAS_CUSTOM_FIELDS.forEach(custom::add);
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        ToolConfiguration.SCOPES.forEach(scopes::add);
        return Json.createObjectBuilder()
                .add("title", ToolConfiguration.TITLE)
                .add("description", ToolConfiguration.DESCRIPTION)
                .add("oidc_initiation_url", tool.loginUrl())
                .add("target_link_uri", tool.targetLinkUri())
                .add("public_jwk_url", tool.jwksUrl())
                .add("scopes", scopes)
                .add("extensions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("platform", "canvas.instructure.com")
                        .add("domain", tool.domain())
                        .add("tool_id", "tandem")
                        .add("privacy_level", "public")
                        .add("settings", Json.createObjectBuilder()
                                .add("text", ToolConfiguration.TITLE)
                                .add("icon_url", tool.iconUrl())
                                .add("placements", placements))))
                .add("custom_fields", custom)
                .build().toString();
    }

    private JsonObjectBuilder placement(String placement, String messageType, String text) {
        return Json.createObjectBuilder()
                .add("placement", placement)
                .add("message_type", messageType)
                .add("target_link_uri", tool.targetLinkUri())
                .add("text", text);
    }
}
