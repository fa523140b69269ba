package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A deployment_id of a registration, mapped to the district (tenant) it belongs to. */
@Entity
@Table(name = "lti_deployment")
public class DeploymentEntity {
    @Id
    public String id;
    @Column(name = "registration_id")
    public String registrationId;
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "district_id")
    public String districtId;
    public String label;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
