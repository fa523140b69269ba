package app.tandem.coteaching.domain;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain-JDBC storage of calendar feeds (V12 ct_calendar_feed), cancelled lessons (V12 ct_plan_cancelled) and the
 * plan rows a feed lists (V10 ct_plan). Feeds are stored by the SHA-256 of their secret only.
 */
@ApplicationScoped
public class CalendarStore {

    /** A live subscription of a person in a district. */
    public record Feed(String id, String personId, String districtId, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {
    }

    /** A plan as a calendar shows it: the row's columns and its document (JSON text). */
    public record PlanRow(String id, String groupId, String title, String model, String status, LocalDate startsOn, LocalDate endsOn,
                          String startTime, String endTime, String body, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                          long version) {
    }

    /** A cancelled lesson (tombstone of a deleted plan). */
    public record Cancelled(String planId, String groupId, String title, String model, LocalDate startsOn, LocalDate endsOn,
                            String startTime, String endTime, long sequence, OffsetDateTime createdAt, OffsetDateTime cancelledAt,
                            String cancelledByName) {
    }

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    // ---- feeds

    public Optional<Feed> liveFeed(String personId, String districtId) {
        return feed("select id, person_id, district_id, created_at, last_used_at from ct_calendar_feed "
                + "where person_id = ? and district_id = ? and revoked_at is null order by created_at desc", personId, districtId);
    }

    /** The live feed whose secret hashes to {@code tokenHash}. */
    public Optional<Feed> feedByHash(String tokenHash) {
        return feed("select id, person_id, district_id, created_at, last_used_at from ct_calendar_feed "
                + "where token_hash = ? and revoked_at is null", tokenHash);
    }

    private Optional<Feed> feed(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Feed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading calendar feeds", e);
        }
    }

    /** Revokes the person's live feeds and stores a new one, in one transaction. */
    @Transactional
    public void replaceFeed(String id, String personId, String districtId, String tokenHash, OffsetDateTime now) {
        try (Connection c = dataSource.getConnection()) {
            revoke(c, personId, districtId, now);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into ct_calendar_feed (id, person_id, district_id, token_hash, created_at) values (?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, personId);
                ps.setString(3, districtId);
                ps.setString(4, tokenHash);
                ps.setObject(5, now);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing a calendar feed", e);
        }
    }

    /** Revokes the person's live feeds; how many there were. */
    public int revoke(String personId, String districtId, OffsetDateTime now) {
        try (Connection c = dataSource.getConnection()) {
            return revoke(c, personId, districtId, now);
        } catch (SQLException e) {
            throw new IllegalStateException("revoking calendar feeds", e);
        }
    }

    private static int revoke(Connection c, String personId, String districtId, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update ct_calendar_feed set revoked_at = ? where person_id = ? and district_id = ? and revoked_at is null")) {
            ps.setObject(1, now);
            ps.setString(2, personId);
            ps.setString(3, districtId);
            return ps.executeUpdate();
        }
    }

    /** Records a read of the feed, at most once an hour (calendar apps poll; the panel shows "last fetched"). */
    public void touch(String feedId, OffsetDateTime now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "update ct_calendar_feed set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")) {
            ps.setObject(1, now);
            ps.setString(2, feedId);
            ps.setObject(3, now.minusHours(1));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a calendar feed read", e);
        }
    }

    // ---- what a feed lists

    /** The link groups (live or dissolved) that any of the sections belongs to, in the district. */
    public List<String> groupsOf(Collection<String> sectionIds, String districtId) {
        List<String> out = new ArrayList<>();
        if (sectionIds.isEmpty()) {
            return out;
        }
        String sql = "select distinct gs.group_id from ct_group_section gs join ct_link_group g on g.id = gs.group_id "
                + "where g.district_id = ? and gs.section_id in (" + marks(sectionIds.size()) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, districtId);
            int i = 2;
            for (String s : sectionIds) {
                ps.setString(i++, s);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the link groups of sections", e);
        }
        return out;
    }

    /** Plans of the groups that end on or after {@code from} (at most {@code limit}, earliest first). */
    public List<PlanRow> plans(Collection<String> groupIds, LocalDate from, int limit) {
        return ofGroups("select id, group_id, title, model, status, starts_on, ends_on, start_time, end_time, body, created_at, updated_at, "
                + "version from ct_plan where group_id in (%s) and (starts_on >= ? or ends_on >= ?) order by starts_on, id", groupIds, from, limit,
                rs -> new PlanRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class), rs.getLong(13)));
    }

    /** Cancelled lessons of the groups dated on or after {@code from}. */
    public List<Cancelled> cancelled(Collection<String> groupIds, LocalDate from, int limit) {
        return ofGroups("select plan_id, group_id, title, model, starts_on, ends_on, start_time, end_time, sequence, created_at, cancelled_at, "
                + "cancelled_by_name from ct_plan_cancelled where group_id in (%s) and (starts_on >= ? or ends_on >= ?) order by starts_on, plan_id",
                groupIds, from, limit,
                rs -> new Cancelled(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getLong(9),
                        rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class), rs.getString(12)));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Rows of the groups ({@code %s}: their ids) from a day on, as {@code (starts_on >= ? or ends_on >= ?)}. */
    private <T> List<T> ofGroups(String sql, Collection<String> groupIds, LocalDate from, int limit, Row<T> row) {
        List<T> out = new ArrayList<>();
        if (groupIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(String.format(sql, marks(groupIds.size())))) {
            int i = bind(ps, groupIds);
            ps.setObject(i++, from);
            ps.setObject(i, from);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading plans for a calendar", e);
        }
        return out;
    }

    // ---- cancelling

    /**
     * Cancels a lesson: keeps a tombstone (with SEQUENCE = the plan's version) and deletes the plan with its
     * revisions, comments and presence rows, in one transaction. False when the plan is gone or was saved again
     * since {@code version} was read (nothing changed then).
     */
    @Transactional
    public boolean cancel(String planId, long version, String personId, String personName, OffsetDateTime now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into ct_plan_cancelled (plan_id, group_id, district_id, title, model, "
                    + "starts_on, ends_on, start_time, end_time, sequence, created_at, cancelled_by, cancelled_by_name, cancelled_at) "
                    + "select id, group_id, district_id, title, model, starts_on, ends_on, start_time, end_time, version, created_at, ?, ?, ? "
                    + "from ct_plan where id = ? and version = ?")) {
                ps.setString(1, personId);
                ps.setString(2, personName);
                ps.setObject(3, now);
                ps.setString(4, planId);
                ps.setLong(5, version);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from ct_plan where id = ? and version = ?")) {
                ps.setString(1, planId);
                ps.setLong(2, version);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("plan " + planId + " changed while it was being cancelled");
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cancelling plan " + planId, e);
        }
    }

    static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static int bind(PreparedStatement ps, Collection<String> values) throws SQLException {
        int i = 1;
        for (String v : values) {
            ps.setString(i++, v);
        }
        return i;
    }
}
