package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.domain.Hashing;
import app.tandem.standards.domain.StandardsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crosswalks between two frameworks of a district: shown from both sides, and offered with search hits. */
class CrosswalkTest {
    final TestDatabase db = new TestDatabase();
    final StandardsStore store = new StandardsStore(db.dataSource);

    @TempDir
    Path tmp;

    static final String CCSS_ITEM = "c0000000-0000-4000-8000-000000000001";
    static final String STATE_ITEM = "50000000-0000-4000-8000-000000000001";

    String load(String name, String json) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, json);
        try (Connection c = db.transaction()) {
            ImportRunner.Result r = ImportRunner.run(c, f, new FrameworkImport.Target(db.districtId, null, null, name, null, null), null, null);
            assertThat(r.outcome().committed()).isTrue();
            return r.outcome().frameworkId();
        }
    }

    @Test
    void exactMatchIsShownBothWaysAndWithSearchHits() throws Exception {
        String ccss = load("ccss.json", "{\"CFDocument\":{\"identifier\":\"c0000000-0000-4000-8000-000000000000\",\"title\":\"CCSS slice\",\"creator\":\"t\"},"
                + "\"CFItems\":[{\"identifier\":\"" + CCSS_ITEM + "\",\"fullStatement\":\"Recognize proportional relationships.\",\"humanCodingScheme\":\"7.RP.A.2\"}],"
                + "\"CFAssociations\":[]}");
        String state = load("state.json", "{\"CFDocument\":{\"identifier\":\"50000000-0000-4000-8000-000000000000\",\"title\":\"State standards\",\"creator\":\"t\"},"
                + "\"CFItems\":[{\"identifier\":\"" + STATE_ITEM + "\",\"fullStatement\":\"Identify proportional relationships.\",\"humanCodingScheme\":\"ST.7.RP.2\"}],"
                + "\"CFAssociations\":[{\"identifier\":\"a5000000-0000-4000-8000-000000000001\",\"associationType\":\"exactMatchOf\","
                + "\"originNodeURI\":{\"identifier\":\"" + STATE_ITEM + "\",\"uri\":\"urn:s\",\"title\":\"ST.7.RP.2\"},"
                + "\"destinationNodeURI\":{\"identifier\":\"" + CCSS_ITEM + "\",\"uri\":\"urn:c\",\"title\":\"7.RP.A.2\"}}]}");

        StandardsStore.Item ccssItem = store.item(db.districtId, Hashing.rowId(ccss, CCSS_ITEM)).orElseThrow();
        StandardsStore.Item stateItem = store.item(db.districtId, Hashing.rowId(state, STATE_ITEM)).orElseThrow();
        List<StandardsStore.Related> fromState = store.related(db.districtId, stateItem);
        assertThat(fromState).singleElement().satisfies(r -> {
            assertThat(r.outgoing()).isTrue();
            assertThat(r.otherItem().id()).isEqualTo(ccssItem.id());
            assertThat(r.otherFrameworkTitle()).isEqualTo("CCSS slice");
        });
        List<StandardsStore.Related> toCcss = store.related(db.districtId, ccssItem);
        assertThat(toCcss).singleElement().satisfies(r -> {
            assertThat(r.outgoing()).isFalse();
            assertThat(r.type()).isEqualTo("exactMatchOf");
            assertThat(r.otherItem().id()).isEqualTo(stateItem.id());
        });

        LaunchContext coordinator = new LaunchContext("t", "p", "Pat", null, null, db.districtId, "r", "d", AppRole.COORDINATOR,
                EnumSet.of(AppRole.COORDINATOR), "LtiResourceLinkRequest", null, List.of(), OffsetDateTime.now().plusHours(1), Map.of(), null);
        StandardsService service = new StandardsService(store, null);
        SearchIndex.Hit hit = new SearchIndex.Hit(ccssItem.id(), ccss, "CCSS slice", "7.RP.A.2", ccssItem.fullStatement(), List.of(),
                null, null, null, 1f);
        Map<String, List<StandardsStore.Related>> cw = service.crosswalks(coordinator, List.of(hit), 10);
        assertThat(cw.get(ccssItem.id())).singleElement().satisfies(r -> assertThat(r.otherItem().frameworkId()).isEqualTo(state));

        // a teacher sees crosswalks into enabled frameworks only
        LaunchContext teacher = new LaunchContext("t", "p", "Pat", "s", "Section", db.districtId, "r", "d", AppRole.TEACHER,
                EnumSet.of(AppRole.TEACHER), "LtiResourceLinkRequest", null, List.of(), OffsetDateTime.now().plusHours(1), Map.of(), null);
        store.enable(db.districtId, ccss, null, null, null);
        assertThat(service.crosswalks(teacher, List.of(hit), 10)).isEmpty();
        // the item page shows the state standard only as an outside identifier until its framework is enabled
        assertThat(service.related(teacher, ccssItem)).singleElement().satisfies(r -> {
            assertThat(r.otherItem()).isNull();
            assertThat(r.otherIdentifier()).isEqualTo(STATE_ITEM);
        });
        assertThat(service.related(coordinator, ccssItem)).singleElement().satisfies(r -> assertThat(r.otherItem()).isNotNull());
        store.enable(db.districtId, state, null, null, null);
        assertThat(service.crosswalks(teacher, List.of(hit), 10)).containsKey(ccssItem.id());
        assertThat(service.related(teacher, ccssItem)).singleElement().satisfies(r -> assertThat(r.otherItem()).isNotNull());
    }
}
