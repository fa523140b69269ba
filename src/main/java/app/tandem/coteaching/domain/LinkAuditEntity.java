package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One link change (or policy change) in a district, with titles copied at the time. */
@Entity
@Table(name = "ct_link_audit")
public class LinkAuditEntity {
    @Id
    public String id;
    @Column(name = "district_id")
    public String districtId;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_name")
    public String actorName;
    public String action;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "group_name")
    public String groupName;
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "section_title")
    public String sectionTitle;
    @Column(name = "other_section_id")
    public String otherSectionId;
    @Column(name = "other_section_title")
    public String otherSectionTitle;
    public String detail;
}
