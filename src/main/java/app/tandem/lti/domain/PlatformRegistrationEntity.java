package app.tandem.lti.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** An LMS platform as registered with Tandem: the issuer and our client_id there, and its endpoints. */
@Entity
@Table(name = "platform_registration")
public class PlatformRegistrationEntity {
    @Id
    public String id;
    public String issuer;
    @Column(name = "client_id")
    public String clientId;
    public String name;
    @Column(name = "auth_endpoint")
    public String authEndpoint;
    @Column(name = "token_endpoint")
    public String tokenEndpoint;
    /** The aud platforms expect in client assertions when it is not the token endpoint (dynamic registration tells). */
    @Column(name = "token_audience")
    public String tokenAudience;
    @Column(name = "jwks_url")
    public String jwksUrl;
    /** Extra origins allowed to frame Tandem (space separated), besides the issuer's and auth endpoint's. */
    @Column(name = "frame_origins")
    public String frameOrigins;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;
}
