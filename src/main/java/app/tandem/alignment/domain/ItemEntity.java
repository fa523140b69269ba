package app.tandem.alignment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * An item of a unit: a resource (title, URL, type, description), an LTI link (the content item as JSON) or a
 * teacher-only note. Ordered by position within its unit; edits are optimistically locked by the version.
 */
@Entity
@Table(name = "al_item")
public class ItemEntity {
    @Id
    public String id;
    @Column(name = "unit_id")
    public String unitId;
    @Column(name = "section_id")
    public String sectionId;
    /** RESOURCE, LTI_LINK or NOTE. */
    public String kind;
    public String title;
    public String url;
    /** lesson, activity, assessment, reading, video, other (resources and LTI links). */
    @Column(name = "resource_type")
    public String resourceType;
    public String description;
    /** The LTI resource link content item as JSON (LTI_LINK only). */
    @Column(name = "lti_link")
    public String ltiLink;
    /** False hides a draft from students; notes are never shown to students whatever this says. */
    @Column(name = "student_visible")
    public boolean studentVisible = true;
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
