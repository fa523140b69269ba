package app.tandem.alignment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One alignment added or removed: the history of a section's alignments, kept when the item is deleted. */
@Entity
@Table(name = "al_alignment_event")
public class AlignmentEventEntity {
    @Id
    public String id;
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "item_id")
    public String itemId;
    @Column(name = "item_title")
    public String itemTitle;
    @Column(name = "standard_id")
    public String standardId;
    @Column(name = "standard_code")
    public String standardCode;
    @Column(name = "alignment_type")
    public String alignmentType;
    /** ADDED or REMOVED. */
    public String action;
    @Column(name = "person_id")
    public String personId;
    @Column(name = "person_name")
    public String personName;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
}
