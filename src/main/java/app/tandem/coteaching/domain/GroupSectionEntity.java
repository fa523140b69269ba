package app.tandem.coteaching.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A section's membership of a live link group (a section is in at most one). */
@Entity
@Table(name = "ct_group_section")
@IdClass(GroupSectionEntity.Key.class)
public class GroupSectionEntity {
    @Id
    @Column(name = "group_id")
    public String groupId;
    @Id
    @Column(name = "section_id")
    public String sectionId;
    @Column(name = "joined_by")
    public String joinedBy;
    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;

    public static class Key implements Serializable {
        public String groupId;
        public String sectionId;

        public Key() {
        }

        public Key(String groupId, String sectionId) {
            this.groupId = groupId;
            this.sectionId = sectionId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(groupId, k.groupId) && Objects.equals(sectionId, k.sectionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, sectionId);
        }
    }
}
