package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An invitation to link with a section: only the SHA-256 of its code is stored; single use, expires, revocable. */
@Entity
@Table(name = "ct_invitation")
public class InvitationEntity {
    @Id
    public String id;
    @Column(name = "district_id")
    public String districtId;
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "code_hash")
    public String codeHash;
    public String label;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_by_name")
    public String createdByName;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "used_at")
    public OffsetDateTime usedAt;
    @Column(name = "used_by")
    public String usedBy;
    @Column(name = "used_section_id")
    public String usedSectionId;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    @Column(name = "revoked_by")
    public String revokedBy;

    /** Neither used, revoked nor expired at {@code now}. */
    public boolean open(OffsetDateTime now) {
        return usedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }
}
