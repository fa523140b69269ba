package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A co-teaching plan of a link group: the JSON document (body) and copies of the fields lists sort and filter by. */
@Entity
@Table(name = "ct_plan")
public class PlanEntity {
    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";

    @Id
    public String id;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "district_id")
    public String districtId;
    public String title;
    public String model;
    public String status;
    @Column(name = "starts_on")
    public LocalDate startsOn;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    @Column(name = "start_time")
    public String startTime;
    @Column(name = "end_time")
    public String endTime;
    @Column(name = "unit_title")
    public String unitTitle;
    @Column(name = "unit_id")
    public String unitId;
    @Column(name = "period_minutes")
    public int periodMinutes;
    /** The plan document (canonical JSON). */
    public String body;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_by_name")
    public String updatedByName;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    public boolean published() {
        return PUBLISHED.equals(status);
    }
}
