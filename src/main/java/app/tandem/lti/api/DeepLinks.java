package app.tandem.lti.api;

import java.util.List;
import java.util.Map;

/** Builds the signed LtiDeepLinkingResponse that places Tandem content in the LMS course. */
public interface DeepLinks {

    /** A Tandem object placed as an LTI resource link; {@code custom} identifies it at later launches. */
    record ContentItem(String title, String text, Map<String, String> custom, LineItem lineItem) {
    }

    /** Optional gradebook column created with the link (AGS). */
    record LineItem(double scoreMaximum, String label, String resourceId, String tag) {
    }

    /** The signed JWT and where the browser must form-POST it (field name {@code JWT}). */
    record Response(String returnUrl, String jwt) {
    }

    /**
     * @throws app.tandem.common.InvalidRequestException when the launch is not a deep-linking launch, nothing is
     *         chosen, or more items are chosen than the platform accepts
     */
    Response respond(LaunchContext launch, List<ContentItem> items);
}
