package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One version of a plan: who changed it, when, how (kind), the fields changed (summary) and the whole document. */
@Entity
@Table(name = "ct_plan_revision")
public class PlanRevisionEntity {
    @Id
    public String id;
    @Column(name = "plan_id")
    public String planId;
    public long version;
    /** CREATE, SAVE, MERGE, RESOLVE, RESTORE, PUBLISH, UNPUBLISH, COPY. */
    public String kind;
    @Column(name = "author_id")
    public String authorId;
    @Column(name = "author_name")
    public String authorName;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    public String summary;
    public String snapshot;
}
