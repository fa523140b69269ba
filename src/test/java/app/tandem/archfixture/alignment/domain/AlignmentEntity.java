package app.tandem.archfixture.alignment.domain;

/** Architecture-rule fixture. */
public class AlignmentEntity {
}
