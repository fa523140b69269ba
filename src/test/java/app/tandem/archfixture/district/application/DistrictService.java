package app.tandem.archfixture.district.application;

import app.tandem.archfixture.lti.domain.LtiEntity;

/** Architecture-rule fixture: a feature using lti's domain. */
public class DistrictService {
    LtiEntity entity;
}
