package app.tandem.coteaching.domain;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
        try (Connection c = dataSource.getConnection()) {
            if (update(c, planId, personId, name, now) == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into ct_plan_presence (plan_id, person_id, person_name, last_seen) values (?, ?, ?, ?)")) {
                    ps.setString(1, planId);
                    ps.setString(2, personId);
                    ps.setString(3, name);
                    ps.setObject(4, now);
                    ps.executeUpdate();
                } catch (SQLException duplicate) {
                    // the same person's other tab (or server) inserted it first
                    update(c, planId, personId, name, now);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording presence on plan " + planId, e);
        }
    }

    private static int update(Connection c, String planId, String personId, String name, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update ct_plan_presence set last_seen = ?, person_name = ? where plan_id = ? and person_id = ?")) {
            ps.setObject(1, now);
            ps.setString(2, name);
            ps.setString(3, planId);
            ps.setString(4, personId);
            return ps.executeUpdate();
        }
    }

    /** People seen on the plan since the given time, by name. */
    public List<Viewer> viewers(String planId, OffsetDateTime since) {
        List<Viewer> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select person_id, person_name, last_seen from ct_plan_presence "
                     + "where plan_id = ? and last_seen >= ? order by person_name, person_id")) {
            ps.setString(1, planId);
            ps.setObject(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Viewer(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading presence on plan " + planId, e);
        }
        return out;
    }

    /** Forgets rows not refreshed since the given time. */
    public void purge(OffsetDateTime before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from ct_plan_presence where last_seen < ?")) {
            ps.setObject(1, before);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("purging presence", e);
        }
    }
}
