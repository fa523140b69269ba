package app.tandem.district.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** The audit log's query parameters: defaults, and a 400 naming the field for anything else. */
class DistrictAuditTest {
    @Test
    void blanksAreDefaults() {
        assertThat(DistrictAudit.query(null, " ", "")).isEqualTo(new DistrictAudit.Query(1, null, null));
        assertThat(DistrictAudit.query(" 3 ", "framework.enabled", "person-1")).isEqualTo(new DistrictAudit.Query(3, "framework.enabled", "person-1"));
    }

    @Test
    void badParametersNameTheField() {
        assertField(() -> DistrictAudit.query("0", null, null), "page");
        assertField(() -> DistrictAudit.query("two", null, null), "page");
        assertField(() -> DistrictAudit.query("99999999999", null, null), "page");
        assertField(() -> DistrictAudit.query(null, "Framework Enabled", null), "action");
        assertField(() -> DistrictAudit.query(null, "x".repeat(61), null), "action");
        assertField(() -> DistrictAudit.query(null, null, "<b>"), "person");
        assertField(() -> DistrictAudit.query(null, null, "p".repeat(37)), "person");
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.fields()).containsKey(field);
        });
    }
}
