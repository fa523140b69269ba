package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A district's co-teaching policy (no row: the defaults). */
@Entity
@Table(name = "ct_district_policy")
public class DistrictPolicyEntity {
    @Id
    @Column(name = "district_id")
    public String districtId;
    @Column(name = "allow_cross_platform")
    public boolean allowCrossPlatform;
    @Column(name = "max_group_size")
    public int maxGroupSize;
    @Column(name = "linked_may_edit")
    public boolean linkedMayEdit;
    @Column(name = "plans_may_name_students")
    public boolean plansMayNameStudents;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;
}
