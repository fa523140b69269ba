package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A registration made through LTI Dynamic Registration: which link, platform, district and messages. */
@Entity
@Table(name = "lti_dynamic_registration")
public class DynamicRegistrationEntity {
    @Id
    public String id;
    @Column(name = "link_id")
    public String linkId;
    @Column(name = "registration_id")
    public String registrationId;
    @Column(name = "district_id")
    public String districtId;
    @Column(name = "product_family_code")
    public String productFamilyCode;
    @Column(name = "deployment_id")
    public String deploymentId;
    /** The platform named no deployment: deployments first seen in a launch are mapped to {@link #districtId}. */
    @Column(name = "adopt_deployments")
    public boolean adoptDeployments;
    /** The messages and placements offered, e.g. "LtiResourceLinkRequest[course_navigation] LtiDeepLinkingRequest[]". */
    public String messages;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
