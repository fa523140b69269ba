package app.tandem.lti.application;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The custom claim as Tandem uses it: string values only, unexpanded LMS variables ("$Canvas.course.id") dropped. */
public final class CustomParameters {
    private static final Pattern UNEXPANDED = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+");

    private CustomParameters() {
    }

    public static Map<String, String> clean(Map<String, Object> custom) {
        Map<String, String> out = new LinkedHashMap<>();
        if (custom == null) {
            return out;
        }
        custom.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            String s = String.valueOf(v);
            if (!s.isBlank() && !UNEXPANDED.matcher(s).matches()) {
                out.put(k, s);
            }
        });
        return out;
    }
}
