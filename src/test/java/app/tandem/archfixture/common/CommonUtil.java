package app.tandem.archfixture.common;

import app.tandem.archfixture.lti.api.LtiApi;

/** Architecture-rule fixture: common depending on another package. */
public class CommonUtil {
    LtiApi api;
}
