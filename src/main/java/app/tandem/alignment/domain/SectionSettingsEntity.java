package app.tandem.alignment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A section's course settings: grades, subjects, chosen frameworks (null: defaults), school. */
@Entity
@Table(name = "al_section_settings")
public class SectionSettingsEntity {
    @Id
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "district_id")
    public String districtId;
    /** Comma-separated CASE grade codes (KG, 01 … 12). */
    public String grades;
    /** Comma-separated subjects. */
    public String subjects;
    /** Comma-separated framework ids; null means the district's enabled frameworks that match grades and subjects. */
    @Column(name = "framework_ids")
    public String frameworkIds;
    public String school;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;
}
