package app.tandem.alignment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An item aligned to a standard (std_item id, no foreign key: retired standards stay aligned) with a type and its author. */
@Entity
@Table(name = "al_alignment")
public class AlignmentEntity {
    @Id
    public String id;
    @Column(name = "item_id")
    public String itemId;
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "standard_id")
    public String standardId;
    @Column(name = "framework_id")
    public String frameworkId;
    /** The standard's code when aligned (kept for display and audits should the standard vanish). */
    @Column(name = "standard_code")
    public String standardCode;
    /** TEACHES, PRACTISES or ASSESSES. */
    @Column(name = "alignment_type")
    public String alignmentType;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_by_name")
    public String createdByName;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
