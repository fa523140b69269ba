package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A code entered that did not work (rate limit of guessing). */
@Entity
@Table(name = "ct_code_failure")
public class CodeFailureEntity {
    @Id
    public String id;
    @Column(name = "person_id")
    public String personId;
    @Column(name = "failed_at")
    public OffsetDateTime failedAt;
}
