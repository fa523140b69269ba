package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A dynamic-registration link: registers LMS platforms into one district until it expires, is used up or revoked. */
@Entity
@Table(name = "lti_registration_link")
public class RegistrationLinkEntity {
    @Id
    public String id;
    /** SHA-256 (hex) of the link's token; the token itself is shown once, when the link is created. */
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "token_prefix")
    public String tokenPrefix;
    @Column(name = "district_id")
    public String districtId;
    public String label;
    @Column(name = "max_uses")
    public int maxUses;
    public int uses;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    @Column(name = "used_at")
    public OffsetDateTime usedAt;
}
