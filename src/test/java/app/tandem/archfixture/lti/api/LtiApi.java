package app.tandem.archfixture.lti.api;

/** Architecture-rule fixture: the allowed face of lti. */
public interface LtiApi {
}
