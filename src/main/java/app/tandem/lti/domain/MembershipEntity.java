package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person's roles in a section, as of their latest launch. */
@Entity
@Table(name = "membership")
public class MembershipEntity {
    @Id
    public String id;
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "person_id")
    public String personId;
    @Column(name = "lti_roles")
    public String ltiRoles;
    @Column(name = "app_roles")
    public String appRoles;
    /** launch: seen in a launch; nrps: only known from the roster service. */
    public String source;
    /** NRPS status: Active, Inactive, Deleted. */
    public String status;
    @Column(name = "last_launch_at")
    public OffsetDateTime lastLaunchAt;
}
