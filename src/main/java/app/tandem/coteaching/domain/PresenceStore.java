package app.tandem.coteaching.domain;

import app.tandem.common.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

/** Who has a plan open, with when they were last seen: one row per plan and person, refreshed by the page's poll. */
@ApplicationScoped
public class PresenceStore {

    public record Viewer(String personId, String name, OffsetDateTime lastSeen) {
    }

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    /** Records that the person has the plan open now. */
    public void touch(String planId, String personId, String name, OffsetDateTime now) {
        jdbc("recording presence on plan " + planId).withConnection(c -> {
            if (update(c, planId, personId, name, now) == 0) {
                try {
                    Jdbc.exec(c, "insert into ct_plan_presence (plan_id, person_id, person_name, last_seen) values (?, ?, ?, ?)",
                            planId, personId, name, now);
                } catch (SQLException duplicate) {
                    // the same person's other tab (or server) inserted it first
                    update(c, planId, personId, name, now);
                }
            }
            return null;
        });
    }

    private static int update(Connection c, String planId, String personId, String name, OffsetDateTime now) throws SQLException {
        return Jdbc.exec(c, "update ct_plan_presence set last_seen = ?, person_name = ? where plan_id = ? and person_id = ?",
                now, name, planId, personId);
    }

    /** People seen on the plan since the given time, by name. */
    public List<Viewer> viewers(String planId, OffsetDateTime since) {
        return jdbc("reading presence on plan " + planId).query("select person_id, person_name, last_seen from ct_plan_presence "
                        + "where plan_id = ? and last_seen >= ? order by person_name, person_id",
                rs -> new Viewer(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)), planId, since);
    }

    /** Forgets rows not refreshed since the given time. */
    public void purge(OffsetDateTime before) {
        jdbc("purging presence").update("delete from ct_plan_presence where last_seen < ?", before);
    }

    private Jdbc jdbc(String doing) {
        return new Jdbc(dataSource, e -> new IllegalStateException(doing, e));
    }
}
