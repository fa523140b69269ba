package app.tandem.lti.application;

import app.tandem.common.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Tandem's URLs and scopes as an LMS needs them, shared by the Canvas JSON and dynamic registration. */
@ApplicationScoped
public class ToolConfiguration {
    public static final String TITLE = "Tandem";
    public static final String DESCRIPTION =
            "Align course content to standards, plan co-taught lessons with linked sections, and show students what they are learning.";

    public static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    public static final String SCOPE_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    public static final String SCOPE_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    public static final String SCOPE_NRPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    public static final List<String> SCOPES = List.of(SCOPE_LINEITEM, SCOPE_LINEITEM_READONLY, SCOPE_RESULT_READONLY,
            SCOPE_SCORE, SCOPE_NRPS);

    /**
     * Custom parameters Tandem asks Canvas to fill. Canvas sends a variable it cannot expand literally
     * ("$Canvas.course.id"); {@link CustomParameters} treats those as absent.
     */
    public static final Map<String, String> CANVAS_CUSTOM_FIELDS = Map.of(
            "canvas_course_id", "$Canvas.course.id",
            "canvas_account_id", "$Canvas.account.id",
            "canvas_account_name", "$Canvas.account.name",
            "canvas_root_account_id", "$Canvas.root_account.id",
            "canvas_course_sis_id", "$Canvas.course.sisSourceId",
            "canvas_term_name", "$Canvas.term.name");

    @Inject
    Settings settings;

    public String loginUrl() {
        return settings.url(LoginInitiation.LOGIN_PATH);
    }

    public String launchUrl() {
        return settings.url(LoginInitiation.LAUNCH_PATH);
    }

    public String targetLinkUri() {
        return settings.url("/app/home");
    }

    public String jwksUrl() {
        return settings.url("/.well-known/jwks.json");
    }

    public String iconUrl() {
        return settings.url("/static/tandem-icon.svg");
    }

    public String domain() {
        return settings.baseUri().getHost();
    }
}
