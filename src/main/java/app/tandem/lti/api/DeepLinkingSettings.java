package app.tandem.lti.api;

import java.util.List;

/**
 * What the platform accepts back from a deep-linking launch (LTI Deep Linking 2.0 deep_linking_settings).
 *
 * @param data opaque value the platform wants echoed in the response, or null
 */
public record DeepLinkingSettings(String returnUrl, List<String> acceptTypes, List<String> presentationTargets,
                                  boolean acceptMultiple, String data, String title, String text) {
    public static final String LTI_RESOURCE_LINK = "ltiResourceLink";

    public boolean accepts(String type) {
        return acceptTypes.contains(type);
    }
}
