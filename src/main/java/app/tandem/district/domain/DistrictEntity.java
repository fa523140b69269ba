package app.tandem.district.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A school district: the tenant every deployment, section and setting belongs to. */
@Entity
@Table(name = "district")
public class DistrictEntity {
    @Id
    public String id;
    public String name;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
