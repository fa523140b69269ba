package app.tandem.district.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.application.AlignmentDistrictData;
import app.tandem.common.DistrictDataPart;
import app.tandem.common.DistrictDataPart.Table;
import app.tandem.coteaching.application.CoteachingDistrictData;
import app.tandem.it.Zips;
import app.tandem.lti.application.LtiDistrictData;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.application.StandardsDistrictData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The district data set on the Flyway schema, on H2 and on PostgreSQL: a row in every table for two districts, then
 * the counts, the export (manifest counts match the files, no secret column, nothing of the other district) and the
 * erasure (every table empty for the district, the other district untouched, a person and a platform the other
 * district also uses kept). Also: every table of the schema belongs to a part (a new migration's table cannot be
 * forgotten).
 */
class DistrictDataSetTest {
    /** Tables that belong to no district, and why. */
    private static final Set<String> NOT_DISTRICT_DATA = Set.of("flyway_schema_history", "lti_nonce", "tool_key");
    private static final String SECRET = "SECRET";

    static Stream<TestDatabase> databases() {
        return Stream.of(new TestDatabase(), TestDatabase.postgres());
    }

    /** The parts as the server has them, minus their after-erasure cache hooks (no CDI here). */
    static List<DistrictDataPart> parts() {
        List<DistrictDataPart> real = List.of(new CoteachingDistrictData(), new AlignmentDistrictData(), new StandardsDistrictData(),
                new LtiDistrictData(), new DistrictRecords());
        return real.stream().<DistrictDataPart>map(p -> new DistrictDataPart() {
            public int order() {
                return p.order();
            }

            public List<Table> tables() {
                return p.tables();
            }

            public List<LeftOut> leftOut() {
                return p.leftOut();
            }

            public Map<String, Integer> erase(Connection c, String districtId) throws SQLException {
                return p.erase(c, districtId);
            }

            public Map<String, Integer> erasePerson(Connection c, String personId) throws SQLException {
                return p.erasePerson(c, personId);
            }
        }).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyTableOfTheSchemaBelongsToAPart(TestDatabase db) throws SQLException {
        Set<String> inSchema = tables(db);
        Set<String> inParts = new TreeSet<>();
        new DistrictDataSet(db.dataSource, parts()).tablesInErasureOrder().forEach(t -> inParts.add(t.name()));
        inSchema.removeAll(NOT_DISTRICT_DATA);
        assertThat(inParts).isEqualTo(inSchema);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void exportsAndErasesOneDistrictOnly(TestDatabase db) throws Exception {
        Two two = twoDistricts(db);
        DistrictDataSet set = two.set();
        String a = two.a();
        String b = two.b();
        Map<String, String> worldA = two.worldA();
        Map<String, String> worldB = two.worldB();
        // a person of B who also launched in A, on B's platform, which A's deployment also uses
        try (Connection c = db.dataSource.getConnection()) {
            insert(c, "lti_deployment", Map.of("id", UUID.randomUUID().toString(), "registration_id", worldB.get("registration_id"), "district_id", a));
            insert(c, "membership", Map.of("id", UUID.randomUUID().toString(), "section_id", worldA.get("section_id"), "person_id", worldB.get("person_id")));
        }

        Map<String, Long> countsA = new HashMap<>();
        set.counts(a).forEach(f -> countsA.put(f.table(), f.rows()));
        assertThat(countsA).containsEntry("person", 2L).containsEntry("platform_registration", 2L).containsEntry("lti_deployment", 2L)
                .containsEntry("membership", 2L).containsEntry("std_item", 1L).containsEntry("ct_plan", 1L).containsEntry("district", 1L);

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        List<DistrictDataSet.FileCount> written = set.export(a, "Test district", Instant.parse("2026-11-26T10:00:00Z"), zip);
        Map<String, String> files = Zips.texts(zip.toByteArray());
        JsonObject manifest = Json.createReader(new StringReader(files.get("manifest.json"))).readObject();
        assertThat(manifest.getInt("formatVersion")).isEqualTo(1);
        assertThat(manifest.getJsonObject("district").getString("id")).isEqualTo(a);
        assertThat(manifest.getString("generatedAt")).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(manifest.getJsonArray("files")).hasSize(set.exportedTables().size()).hasSize(written.size());
        for (JsonObject f : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
            String body = files.get(f.getString("file"));
            assertThat(body).as(f.getString("file")).isNotNull();
            assertThat(body.lines().count()).as(f.getString("file")).isEqualTo(f.getInt("rows")).isEqualTo(countsA.get(f.getString("table")));
            body.lines().forEach(line -> Json.createReader(new StringReader(line)).readObject());
        }
        assertThat(manifest.getJsonArray("leftOut").toString()).contains("launch_session", "ct_code_failure", "client_secret_jwe", "code_hash",
                "token_hash", "tool_key", "lti_nonce");
        String all = String.join("\n", files.values());
        assertThat(all).doesNotContain(SECRET).doesNotContain(b).doesNotContain(worldB.get("section_id")).doesNotContain(worldB.get("plan_id"))
                .contains(worldA.get("person_id")).contains(worldB.get("person_id")).contains(worldA.get("std_item_id"));
        JsonObject plan = Json.createReader(new StringReader(files.get("plans.jsonl").strip())).readObject();
        assertThat(plan.getString("id")).isEqualTo(worldA.get("plan_id"));
        assertThat(plan.getString("created_at")).endsWith("Z");
        assertThat(plan.getString("starts_on")).matches("\\d{4}-\\d{2}-\\d{2}");

        Map<String, Long> beforeB = rowsOf(db, set, b);
        Map<String, Long> beforeAll = totals(db, set);
        Map<String, Integer> deleted = set.erase(a);

        assertThat(deleted.keySet()).containsExactlyElementsOf(set.tablesInErasureOrder().stream().map(Table::name).toList());
        assertThat(deleted).containsEntry("person", 1).containsEntry("platform_registration", 1).containsEntry("district", 1)
                .containsEntry("lti_deployment", 2).containsEntry("std_item", 1);
        assertThat(rowsOf(db, set, a).values()).allMatch(n -> n == 0);
        // B keeps every row: each table lost exactly the rows erased, and none of B's (B's person, also seen in A before,
        // now counts as B's only: its count may only grow)
        Map<String, Long> afterAll = totals(db, set);
        afterAll.forEach((t, n) -> assertThat(n).as(t).isEqualTo(beforeAll.get(t) - deleted.get(t)));
        rowsOf(db, set, b).forEach((t, n) -> assertThat(n).as(t).isGreaterThanOrEqualTo(beforeB.get(t)).isPositive());
        assertThat(db.count("SELECT COUNT(*) FROM district WHERE id = ?", a)).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM person WHERE id = ?", worldB.get("person_id"))).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM platform_registration WHERE id = ?", worldB.get("registration_id"))).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void erasesOnePersonAndKeepsWhatTheyAuthored(TestDatabase db) throws Exception {
        Two two = twoDistricts(db);
        String person = two.worldA().get("person_id");

        assertThat(two.set().erasePerson(two.a(), two.worldB().get("person_id"), DistrictData.PERSON_IN_DISTRICT)).isEmpty();
        assertThat(two.set().erasePerson(two.a(), "no-such-person", DistrictData.PERSON_IN_DISTRICT)).isEmpty();
        Map<String, Integer> changed = two.set().erasePerson(two.a(), person, DistrictData.PERSON_IN_DISTRICT);

        assertThat(changed).containsEntry("person", 1).containsEntry("membership", 1).containsEntry("launch_session", 2)
                .containsEntry("ct_plan_presence", 1).containsEntry("ct_calendar_feed", 1).containsEntry("ct_plan_revision", 1)
                .containsEntry("ct_plan_comment", 1).containsEntry("district_audit", 1).containsEntry("al_alignment_event", 1);
        String[][] names = {{"ct_plan_revision", "author_name"}, {"ct_plan_comment", "author_name"}, {"ct_plan", "updated_by_name"},
                {"ct_plan_cancelled", "cancelled_by_name"}, {"ct_invitation", "created_by_name"}, {"ct_link_audit", "actor_name"},
                {"al_alignment", "created_by_name"}, {"al_alignment_event", "person_name"}, {"district_audit", "actor_name"}};
        for (String[] n : names) {
            assertThat(db.count("SELECT COUNT(*) FROM " + n[0] + " WHERE " + n[1] + " = 'Name alpha'")).as(n[0]).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM " + n[0] + " WHERE " + n[1] + " = 'Deleted person'")).as(n[0]).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM " + n[0] + " WHERE " + n[1] + " = 'Name bravo'")).as(n[0]).isEqualTo(1);
        }
        assertThat(db.count("SELECT COUNT(*) FROM person WHERE id = ?", person)).isZero();
        for (String kept : List.of("ct_plan", "ct_plan_revision", "ct_plan_comment", "al_item", "al_alignment", "section")) {
            assertThat(db.count("SELECT COUNT(*) FROM " + kept)).as(kept).isEqualTo(2);
        }
    }

    /** Districts A (the test database's) and B, each with a row in every table. */
    private record Two(DistrictDataSet set, String a, String b, Map<String, String> worldA, Map<String, String> worldB) {
    }

    private static Two twoDistricts(TestDatabase db) throws SQLException {
        DistrictDataSet set = new DistrictDataSet(db.dataSource, parts());
        String b = UUID.randomUUID().toString();
        db.addDistrict(b, "Other district");
        return new Two(set, db.districtId, b, seed(db, set, db.districtId, "alpha"), seed(db, set, b, "bravo"));
    }

    private static Map<String, Long> rowsOf(TestDatabase db, DistrictDataSet set, String districtId) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Table t : set.tablesInErasureOrder()) {
            out.put(t.name(), db.count("SELECT COUNT(*) FROM " + t.name() + " WHERE " + t.where(), t.arguments(districtId)));
        }
        return out;
    }

    private static Map<String, Long> totals(TestDatabase db, DistrictDataSet set) {
        Map<String, Long> out = new LinkedHashMap<>();
        set.tablesInErasureOrder().forEach(t -> out.put(t.name(), db.count("SELECT COUNT(*) FROM " + t.name())));
        return out;
    }


    private static Set<String> tables(TestDatabase db) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.dataSource.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && (schema.equalsIgnoreCase("public"))) {
                    out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /**
     * One row in every table for the district, parents first; references point at the district's rows, secret columns
     * hold {@link #SECRET}, every other required column a value of its type. Returns the ids used.
     */
    private static Map<String, String> seed(TestDatabase db, DistrictDataSet set, String districtId, String tag) throws SQLException {
        Map<String, String> world = new LinkedHashMap<>();
        world.put("district_id", districtId);
        for (String ref : List.of("registration_id", "person_id", "section_id", "framework_id", "std_item_id", "unit_id", "item_id", "group_id",
                "plan_id", "provider_id", "deployment_id")) {
            world.put(ref, tag + "-" + ref.replace("_id", "") + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        List<Table> parentsFirst = new ArrayList<>(set.tablesInErasureOrder());
        java.util.Collections.reverse(parentsFirst);
        try (Connection c = db.dataSource.getConnection()) {
            for (Table t : parentsFirst) {
                if (t.name().equals("district")) {
                    continue;
                }
                Map<String, Object> values = new HashMap<>();
                String own = switch (t.name()) {
                    case "platform_registration" -> "registration_id";
                    case "person" -> "person_id";
                    case "section" -> "section_id";
                    case "std_framework" -> "framework_id";
                    case "std_item" -> "std_item_id";
                    case "al_unit" -> "unit_id";
                    case "al_item" -> "item_id";
                    case "ct_link_group" -> "group_id";
                    case "ct_plan" -> "plan_id";
                    case "std_case_provider" -> "provider_id";
                    case "lti_deployment" -> "deployment_id";
                    default -> null;
                };
                values.put("id", own == null ? UUID.randomUUID().toString() : world.get(own));
                for (String ref : List.of("district_id", "registration_id", "person_id", "section_id", "framework_id", "unit_id", "item_id",
                        "group_id", "plan_id", "provider_id")) {
                    values.put(ref, world.get(ref));
                }
                if (t.name().equals("std_item_history")) {
                    values.put("item_id", world.get("std_item_id"));
                }
                for (String who : List.of("author_id", "created_by", "updated_by", "cancelled_by", "actor_id")) {
                    values.put(who, world.get("person_id"));
                }
                for (String name : List.of("author_name", "created_by_name", "updated_by_name", "cancelled_by_name", "actor_name", "person_name")) {
                    values.put(name, "Name " + tag);
                }
                values.put("link_id", null);
                values.put("deployment_ref", null);
                values.put("scope", "*");
                for (String secret : t.omitted()) {
                    values.put(secret, SECRET + tag.charAt(0));
                }
                insert(c, t.name(), values);
            }
            insert(c, "launch_session", Map.of("token_hash", SECRET + tag + "-session", "person_id", world.get("person_id"), "district_id", districtId,
                    "section_id", world.get("section_id")));
        }
        return world;
    }

    /** Inserts a row: the given values for the table's columns that have one, a value of its type for other required columns. */
    private static void insert(Connection c, String table, Map<String, ?> given) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, null, name, "%")) {
            while (rs.next()) {
                String col = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                boolean required = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
                Object v;
                if (given.containsKey(col)) {
                    v = given.get(col);
                } else if (!required) {
                    continue;
                } else {
                    v = switch (rs.getInt("DATA_TYPE")) {
                        case Types.INTEGER, Types.BIGINT, Types.SMALLINT -> 1;
                        case Types.BOOLEAN, Types.BIT -> false;
                        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.now();
                        case Types.DATE -> LocalDate.of(2026, 11, 26);
                        default -> "v-" + UUID.randomUUID().toString().substring(0, Math.min(8, Math.max(1, rs.getInt("COLUMN_SIZE") - 2)));
                    };
                }
                columns.add(col);
                values.add(v);
            }
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + "?,".repeat(columns.size() - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.executeUpdate();
        }
    }
}
