package app.tandem.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.AuditTrail.Actor;
import app.tandem.common.AuditTrail.ActorKind;
import app.tandem.common.AuditTrail.Filter;
import app.tandem.common.AuditTrail.Target;
import app.tandem.standards.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit writer and reader on the Flyway schema (in-memory H2, MODE=LEGACY as in production). */
class JdbcAuditTrailTest {
    private final TestDatabase db = new TestDatabase();
    private final JdbcAuditTrail trail = new JdbcAuditTrail(db.dataSource);
    private final Actor ada = Actor.coordinator("p-ada", "Ada Coordinator");
    private final Actor bob = Actor.coordinator("p-bob", "Bob Coordinator");

    @Test
    void recordsWhoWhatAndWhenNewestFirst() {
        trail.record(db.districtId, ada, "framework.enabled", Target.of("framework", "f1", "CCSS Math"), "grades 6-8");
        trail.record(db.districtId, bob, "policy.changed", Target.of("policy", db.districtId, "Co-teaching policy"), "max group size 4 → 6");

        Paged<AuditTrail.Entry> page = trail.page(db.districtId, 1, Filter.NONE);

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.entries()).extracting(AuditTrail.Entry::action).containsExactly("policy.changed", "framework.enabled");
        AuditTrail.Entry first = page.entries().get(1);
        assertThat(first.actorKind()).isEqualTo(ActorKind.COORDINATOR);
        assertThat(first.actorId()).isEqualTo("p-ada");
        assertThat(first.actorName()).isEqualTo("Ada Coordinator");
        assertThat(first.targetType()).isEqualTo("framework");
        assertThat(first.targetId()).isEqualTo("f1");
        assertThat(first.targetLabel()).isEqualTo("CCSS Math");
        assertThat(first.details()).isEqualTo("grades 6-8");
        assertThat(first.at()).isNotNull();
        assertThat(first.at().getOffset().getTotalSeconds()).isZero();
    }

    // ---- a change and its entry, together (plain-JDBC stores)

    private final Jdbc store = new Jdbc(db.dataSource, IllegalStateException::new);

    private String districtName() {
        return store.query("SELECT name FROM district WHERE id = ?", rs -> rs.getString(1), db.districtId).get(0);
    }

    @Test
    void aChangeAndItsEntryAreWrittenTogether() {
        int changed = trail.together(() -> {
            int rows = store.update("UPDATE district SET name = ? WHERE id = ?", "Renamed", db.districtId);
            trail.record(db.districtId, ada, "district.renamed", null, null);
            return rows;
        });

        assertThat(changed).isEqualTo(1);
        assertThat(districtName()).isEqualTo("Renamed");
        assertThat(trail.page(db.districtId, 1, Filter.NONE).entries()).extracting(AuditTrail.Entry::action).containsExactly("district.renamed");
    }

    @Test
    void aFailureAfterTheEntryRollsBackTheChangeAndTheEntry() {
        String before = districtName();

        assertThatThrownBy(() -> trail.together(() -> {
            store.transaction(c -> Jdbc.exec(c, "UPDATE district SET name = ? WHERE id = ?", "Half done", db.districtId));
            trail.record(db.districtId, ada, "district.renamed", null, null);
            throw new IllegalStateException("the next step failed");
        })).hasMessage("the next step failed");

        assertThat(districtName()).isEqualTo(before);
        assertThat(trail.page(db.districtId, 1, Filter.NONE).total()).isZero();
    }

    @Test
    void anEntryThatCannotBeWrittenRollsBackTheChange() {
        String before = districtName();

        assertThatThrownBy(() -> trail.together(() -> {
            store.update("UPDATE district SET name = ? WHERE id = ?", "Unlogged", db.districtId);
            trail.record(db.districtId, null, "district.renamed", null, null);
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(districtName()).isEqualTo(before);
    }

    @Test
    void outsideABlockEachStatementCommitsOnItsOwn() {
        store.update("UPDATE district SET name = ? WHERE id = ?", "Auto", db.districtId);
        assertThatThrownBy(() -> trail.record(db.districtId, null, "x", null, null)).isInstanceOf(IllegalArgumentException.class);

        assertThat(districtName()).isEqualTo("Auto");
    }

    @Test
    void anotherDistrictsEntriesAreNeverRead() {
        String other = UUID.randomUUID().toString();
        db.addDistrict(other, "Other district");
        trail.record(other, ada, "framework.enabled", null, null);

        assertThat(trail.page(db.districtId, 1, Filter.NONE).entries()).isEmpty();
        assertThat(trail.page(other, 1, Filter.NONE).entries()).hasSize(1);
        assertThat(trail.choices(db.districtId).actions()).isEmpty();
    }

    @Test
    void pagesOfFiftyAndFilters() {
        for (int i = 0; i < 55; i++) {
            trail.record(db.districtId, i % 5 == 0 ? bob : ada, i % 2 == 0 ? "a.even" : "a.odd", null, "n" + i);
        }
        Paged<AuditTrail.Entry> first = trail.page(db.districtId, 1, Filter.NONE);
        Paged<AuditTrail.Entry> second = trail.page(db.districtId, 2, Filter.NONE);
        assertThat(first.entries()).hasSize(50);
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.hasNext()).isTrue();
        assertThat(second.entries()).hasSize(5);
        assertThat(second.hasPrevious()).isTrue();
        assertThat(trail.page(db.districtId, 9, Filter.NONE).page()).isEqualTo(2);

        assertThat(trail.page(db.districtId, 1, new Filter("a.even", null)).total()).isEqualTo(28);
        assertThat(trail.page(db.districtId, 1, new Filter(null, "p-bob")).total()).isEqualTo(11);
        assertThat(trail.page(db.districtId, 1, new Filter("a.odd", "p-bob")).entries())
                .allSatisfy(e -> assertThat(e.action()).isEqualTo("a.odd"))
                .allSatisfy(e -> assertThat(e.actorId()).isEqualTo("p-bob"));

        AuditTrail.Choices choices = trail.choices(db.districtId);
        assertThat(choices.actions()).containsExactly("a.even", "a.odd");
        assertThat(choices.people()).extracting(AuditTrail.Person::name).containsExactly("Ada Coordinator", "Bob Coordinator");
    }

    @Test
    void adminApiEntriesMayBelongToNoDistrictAndLongTextIsCut() {
        trail.record(null, Actor.adminApi(), "registration.created", Target.of("registration", "r1", "x".repeat(900)), "y".repeat(3000));
        assertThat(db.count("SELECT COUNT(*) FROM district_audit WHERE district_id IS NULL AND actor_kind = 'ADMIN_API'")).isEqualTo(1);
        assertThat(db.count("SELECT MAX(LENGTH(details)) FROM district_audit")).isEqualTo(2000);
        assertThatThrownBy(() -> trail.record(db.districtId, null, "x", null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
