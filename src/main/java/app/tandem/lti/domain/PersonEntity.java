package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person as the LMS identifies them: (registration, sub), with only the name and email the LMS sent. */
@Entity
@Table(name = "person")
public class PersonEntity {
    @Id
    public String id;
    @Column(name = "registration_id")
    public String registrationId;
    public String subject;
    public String name;
    @Column(name = "given_name")
    public String givenName;
    @Column(name = "family_name")
    public String familyName;
    public String email;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
