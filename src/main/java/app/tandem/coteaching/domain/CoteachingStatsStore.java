package app.tandem.coteaching.domain;

import app.tandem.common.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Plain-JDBC reads for the coordinators' co-teaching report: link groups, linked sections and their schools
 * (al_section_settings.school, when the LMS told), and the plans of a period, one district at a time.
 */
@ApplicationScoped
public class CoteachingStatsStore {

    /** What the report needs of a plan; {@code body} is the plan document (JSON), for its standards. */
    public record PlanFact(String id, String groupId, String model, String status, LocalDate startsOn, String body) {
    }

    /** Link groups of the district: live ones, dissolved ones, and sections in live groups. */
    public record Groups(int live, int dissolved, int linkedSections) {
    }

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    public Groups groups(String districtId) {
        return jdbc("counting link groups").withConnection(c -> {
            int live = count(c, "select count(*) from ct_link_group where district_id = ? and dissolved_at is null", districtId);
            int dissolved = count(c, "select count(*) from ct_link_group where district_id = ? and dissolved_at is not null", districtId);
            int sections = count(c, "select count(*) from ct_group_section gs join ct_link_group g on g.id = gs.group_id "
                    + "where g.district_id = ? and g.dissolved_at is null", districtId);
            return new Groups(live, dissolved, sections);
        });
    }

    private static int count(Connection c, String sql, String districtId) throws SQLException {
        return Jdbc.query(c, sql, rs -> rs.getInt(1), districtId).get(0);
    }

    /** A group's schools ("" for sections whose school is not known) and whether it is live. */
    public record GroupSchools(boolean live, Set<String> schools) {
    }

    /** The schools of each group's sections, for the groups of the district (live and dissolved). */
    public Map<String, GroupSchools> schoolsByGroup(String districtId) {
        Map<String, GroupSchools> out = new LinkedHashMap<>();
        jdbc("reading the schools of link groups").forEach("select gs.group_id, ss.school, g.dissolved_at from ct_group_section gs "
                + "join ct_link_group g on g.id = gs.group_id left join al_section_settings ss on ss.section_id = gs.section_id "
                + "where g.district_id = ? order by gs.group_id", 0, rs -> {
                    String school = rs.getString(2);
                    boolean live = rs.getObject(3) == null;
                    out.computeIfAbsent(rs.getString(1), k -> new GroupSchools(live, new LinkedHashSet<>())).schools()
                            .add(school == null ? "" : school.strip());
                }, districtId);
        return out;
    }

    /** Every plan of the district dated from {@code from} to {@code to} (inclusive), streamed. */
    public void plans(String districtId, LocalDate from, LocalDate to, Consumer<PlanFact> each) {
        jdbc("reading the plans of a district").forEach("select id, group_id, model, status, starts_on, body from ct_plan "
                + "where district_id = ? and starts_on >= ? and starts_on <= ?", 200,
                rs -> each.accept(new PlanFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6))), districtId, from, to);
    }

    private Jdbc jdbc(String doing) {
        return new Jdbc(dataSource, e -> new IllegalStateException(doing, e));
    }
}
