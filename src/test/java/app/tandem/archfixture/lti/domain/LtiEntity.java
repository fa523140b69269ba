package app.tandem.archfixture.lti.domain;

/** Architecture-rule fixture. */
public class LtiEntity {
}
