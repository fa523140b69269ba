package app.tandem.district.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The export's file name: tandem-, the district name as ASCII letters, digits and dashes, the UTC date. */
class DistrictDataTest {
    private static final Instant AT = Instant.parse("2026-11-26T23:30:00Z");

    @Test
    void fileNameIsASlugOfTheDistrictNameAndTheDate() {
        assertThat(DistrictData.fileName("Springfield Unified", AT)).isEqualTo("tandem-springfield-unified-2026-11-26.zip");
        assertThat(DistrictData.fileName("  École Saint-Clément / Δ \"quoted\" ", AT)).isEqualTo("tandem-ecole-saint-clement-quoted-2026-11-26.zip");
        assertThat(DistrictData.fileName("学区", AT)).isEqualTo("tandem-district-2026-11-26.zip");
        assertThat(DistrictData.fileName("x".repeat(59) + " yyyy", AT)).isEqualTo("tandem-" + "x".repeat(59) + "-2026-11-26.zip");
    }
}
