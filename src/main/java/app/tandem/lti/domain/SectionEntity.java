package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An LTI context (course or section) of one platform registration, in one district. */
@Entity
@Table(name = "section")
public class SectionEntity {
    @Id
    public String id;
    @Column(name = "registration_id")
    public String registrationId;
    @Column(name = "context_id")
    public String contextId;
    @Column(name = "deployment_ref")
    public String deploymentRef;
    @Column(name = "district_id")
    public String districtId;
    public String title;
    public String label;
    @Column(name = "nrps_url")
    public String nrpsUrl;
    @Column(name = "ags_lineitems_url")
    public String agsLineItemsUrl;
    /** Space-separated AGS scopes the platform granted for this context. */
    @Column(name = "ags_scopes")
    public String agsScopes;
    @Column(name = "roster_synced_at")
    public OffsetDateTime rosterSyncedAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
