package app.tandem.common;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** Renders the JTE templates precompiled at build time (src/main/jte). */
public final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {
    }

    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
