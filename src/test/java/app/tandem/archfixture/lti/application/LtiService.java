package app.tandem.archfixture.lti.application;

import app.tandem.archfixture.web.WebPage;

/** Architecture-rule fixture: lti depending on a feature (web), closing a cycle lti - web. */
public class LtiService {
    public WebPage page() {
        return new WebPage();
    }
}
