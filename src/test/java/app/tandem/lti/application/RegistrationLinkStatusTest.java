package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RegistrationLinkStatusTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    static RegistrationLinks.Link link(Instant expires, Instant revoked, int uses, int maxUses) {
        return new RegistrationLinks.Link("id", "abcdef", "district", null, maxUses, uses,
                OffsetDateTime.ofInstant(NOW.minusSeconds(60), ZoneOffset.UTC), OffsetDateTime.ofInstant(expires, ZoneOffset.UTC),
                revoked == null ? null : OffsetDateTime.ofInstant(revoked, ZoneOffset.UTC), null);
    }

    @Test
    void activeUntilExpiredRevokedOrUsedUp() {
        assertThat(link(NOW.plusSeconds(1), null, 0, 1).status(NOW)).isEqualTo(RegistrationLinks.Status.ACTIVE);
        assertThat(link(NOW, null, 0, 1).status(NOW)).isEqualTo(RegistrationLinks.Status.EXPIRED);
        assertThat(link(NOW.plusSeconds(60), NOW, 0, 1).status(NOW)).isEqualTo(RegistrationLinks.Status.REVOKED);
        assertThat(link(NOW.plusSeconds(60), null, 1, 1).status(NOW)).isEqualTo(RegistrationLinks.Status.USED_UP);
        assertThat(link(NOW.plusSeconds(60), null, 1, 3).status(NOW)).isEqualTo(RegistrationLinks.Status.ACTIVE);
        // revoked wins over expired
        assertThat(link(NOW.minusSeconds(1), NOW.minusSeconds(5), 0, 1).status(NOW)).isEqualTo(RegistrationLinks.Status.REVOKED);
    }
}
