package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A comment on a plan by one of the group's teachers. */
@Entity
@Table(name = "ct_plan_comment")
public class PlanCommentEntity {
    @Id
    public String id;
    @Column(name = "plan_id")
    public String planId;
    @Column(name = "author_id")
    public String authorId;
    @Column(name = "author_name")
    public String authorName;
    public String body;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
