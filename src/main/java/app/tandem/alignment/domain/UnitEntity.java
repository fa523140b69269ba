package app.tandem.alignment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A unit of a section's course map; ordered by position. Edits are optimistically locked by the version. */
@Entity
@Table(name = "al_unit")
public class UnitEntity {
    @Id
    public String id;
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "district_id")
    public String districtId;
    public String title;
    public String description;
    public int position;
    @Version
    public long version;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
