package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One of the tool's keys; {@code privateJwe} is the private JWK encrypted under the master key. */
@Entity
@Table(name = "tool_key")
public class ToolKeyEntity {
    public static final String PURPOSE_SIGNING = "signing";
    public static final String PURPOSE_STATE = "state";
    public static final String STATUS_CURRENT = "current";

    @Id
    public String id;
    public String kid;
    public String purpose;
    public String status;
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "private_jwe")
    public String privateJwe;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    /** Signs from this moment on (until a newer key activates). */
    @Column(name = "activate_at")
    public OffsetDateTime activateAt;
    /** No longer published (nor accepted for state tokens) from this moment on; null = not scheduled. */
    @Column(name = "retire_at")
    public OffsetDateTime retireAt;
}
