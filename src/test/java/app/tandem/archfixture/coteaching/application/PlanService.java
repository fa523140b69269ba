package app.tandem.archfixture.coteaching.application;

import app.tandem.archfixture.alignment.domain.AlignmentEntity;

/** Architecture-rule fixture: a feature reading another feature's entities. */
public class PlanService {
    AlignmentEntity entity;
}
