package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** Sections linked for co-teaching; live until dissolved (then it has no sections left). */
@Entity
@Table(name = "ct_link_group")
public class LinkGroupEntity {
    @Id
    public String id;
    @Column(name = "district_id")
    public String districtId;
    public String name;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "dissolved_at")
    public OffsetDateTime dissolvedAt;
    @Version
    public long version;
}
