package app.tandem.archfixture.web;

import app.tandem.archfixture.demo.DemoThing;
import app.tandem.archfixture.lti.api.LtiApi;
import app.tandem.archfixture.lti.application.LtiService;

/** Architecture-rule fixture: uses lti internals (not only lti.api) and demo. */
public class WebPage {
    LtiApi allowed;
    LtiService notAllowed;
    DemoThing demo;
}
