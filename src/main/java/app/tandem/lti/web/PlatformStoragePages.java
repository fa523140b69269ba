package app.tandem.lti.web;

import app.tandem.common.Templates;
import app.tandem.lti.application.LoginInitiation;
import app.tandem.lti.application.MessageLaunch;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * Pages of the cookie-less launch (LTI Client Side postMessages + Platform Storage): at login, store the
 * binding secret in the LMS's storage, then continue to the auth endpoint; at launch, read it back and re-post
 * the launch with it. The work is done by /static/lti-storage.js (no inline script under Tandem's CSP).
 */
final class PlatformStoragePages {
    private PlatformStoragePages() {
    }

    static Response.ResponseBuilder login(String ctx, LoginInitiation.LoginRedirect redirect) {
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", ctx);
        model.put("mode", "put");
        model.put("target", redirect.storageTarget());
        model.put("origin", redirect.storageOrigin());
        model.put("key", redirect.storageKey());
        model.put("value", redirect.binding());
        model.put("next", redirect.location());
        model.put("idToken", null);
        model.put("state", null);
        model.put("newWindowUrl", null);
        return page(model, redirect.storageOrigin());
    }

    static Response launch(String ctx, MessageLaunch.PlatformStorageNeeded needed, String idToken, String state) {
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", ctx);
        model.put("mode", "get");
        model.put("target", needed.target);
        model.put("origin", needed.origin);
        model.put("key", needed.key);
        model.put("value", null);
        model.put("next", ctx + LoginInitiation.LAUNCH_PATH);
        model.put("idToken", idToken);
        model.put("state", state);
        model.put("newWindowUrl", needed.newWindowUrl);
        return page(model, needed.origin).build();
    }

    private static Response.ResponseBuilder page(Map<String, Object> model, String platformOrigin) {
        return Response.ok(Templates.render("lti/platform-storage.jte", model), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
                        + "base-uri 'none'; form-action 'self'; frame-ancestors *");
    }
}
