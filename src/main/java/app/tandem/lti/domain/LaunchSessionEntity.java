package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A launch session, keyed by the SHA-256 of its bearer token (the token itself is never stored). */
@Entity
@Table(name = "launch_session")
public class LaunchSessionEntity {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "person_id")
    public String personId;
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "district_id")
    public String districtId;
    @Column(name = "registration_id")
    public String registrationId;
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "primary_role")
    public String primaryRole;
    @Column(name = "app_roles")
    public String appRoles;
    @Column(name = "lti_roles")
    public String ltiRoles;
    @Column(name = "message_type")
    public String messageType;
    @Column(name = "person_name")
    public String personName;
    @Column(name = "section_title")
    public String sectionTitle;
    @Column(name = "target_link_uri")
    public String targetLinkUri;
    @Column(name = "frame_origins")
    public String frameOrigins;
    /** The launch's custom parameters as a JSON object. */
    public String custom;
    /** Deep-linking settings as JSON, for deep-linking launches only. */
    @Column(name = "deep_linking")
    public String deepLinking;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
