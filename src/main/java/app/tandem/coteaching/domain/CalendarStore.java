package app.tandem.coteaching.domain;

import app.tandem.common.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
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

    private Optional<Feed> feed(String sql, Object... args) {
        return jdbc("reading calendar feeds").queryMax(sql, rs -> new Feed(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)), 1, args).stream().findFirst();
    }

    /** Revokes the person's live feeds and stores a new one, in one transaction. */
    @Transactional
    public void replaceFeed(String id, String personId, String districtId, String tokenHash, OffsetDateTime now) {
        jdbc("storing a calendar feed").withConnection(c -> {
            revoke(c, personId, districtId, now);
            return Jdbc.exec(c, "insert into ct_calendar_feed (id, person_id, district_id, token_hash, created_at) values (?, ?, ?, ?, ?)",
                    id, personId, districtId, tokenHash, now);
        });
    }

    /** Revokes the person's live feeds; how many there were. */
    public int revoke(String personId, String districtId, OffsetDateTime now) {
        return jdbc("revoking calendar feeds").withConnection(c -> revoke(c, personId, districtId, now));
    }

    private static int revoke(Connection c, String personId, String districtId, OffsetDateTime now) throws SQLException {
        return Jdbc.exec(c, "update ct_calendar_feed set revoked_at = ? where person_id = ? and district_id = ? and revoked_at is null",
                now, personId, districtId);
    }

    /** Records a read of the feed, at most once an hour (calendar apps poll; the panel shows "last fetched"). */
    public void touch(String feedId, OffsetDateTime now) {
        jdbc("recording a calendar feed read").update(
                "update ct_calendar_feed set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
                now, feedId, now.minusHours(1));
    }

    // ---- what a feed lists

    /** The link groups (live or dissolved) that any of the sections belongs to, in the district. */
    public List<String> groupsOf(Collection<String> sectionIds, String districtId) {
        if (sectionIds.isEmpty()) {
            return new ArrayList<>();
        }
        return jdbc("reading the link groups of sections").query("select distinct gs.group_id from ct_group_section gs "
                + "join ct_link_group g on g.id = gs.group_id where g.district_id = ? and gs.section_id in ("
                + Jdbc.placeholders(sectionIds.size()) + ")", rs -> rs.getString(1), Jdbc.args(districtId, sectionIds));
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

    /** Rows of the groups ({@code %s}: their ids) from a day on, as {@code (starts_on >= ? or ends_on >= ?)}. */
    private <T> List<T> ofGroups(String sql, Collection<String> groupIds, LocalDate from, int limit, Jdbc.Row<T> row) {
        if (groupIds.isEmpty()) {
            return new ArrayList<>();
        }
        return jdbc("reading plans for a calendar").queryMax(String.format(sql, Jdbc.placeholders(groupIds.size())), row, limit,
                Jdbc.args(groupIds, from, from));
    }

    // ---- cancelling

    /**
     * Cancels a lesson: keeps a tombstone (with SEQUENCE = the plan's version) and deletes the plan with its
     * revisions, comments and presence rows, in one transaction. False when the plan is gone or was saved again
     * since {@code version} was read (nothing changed then).
     */
    @Transactional
    public boolean cancel(String planId, long version, String personId, String personName, OffsetDateTime now) {
        return jdbc("cancelling plan " + planId).withConnection(c -> {
            if (Jdbc.exec(c, "insert into ct_plan_cancelled (plan_id, group_id, district_id, title, model, "
                    + "starts_on, ends_on, start_time, end_time, sequence, created_at, cancelled_by, cancelled_by_name, cancelled_at) "
                    + "select id, group_id, district_id, title, model, starts_on, ends_on, start_time, end_time, version, created_at, ?, ?, ? "
                    + "from ct_plan where id = ? and version = ?", personId, personName, now, planId, version) != 1) {
                return false;
            }
            if (Jdbc.exec(c, "delete from ct_plan where id = ? and version = ?", planId, version) != 1) {
                throw new IllegalStateException("plan " + planId + " changed while it was being cancelled");
            }
            return true;
        });
    }

    private Jdbc jdbc(String doing) {
        return new Jdbc(dataSource, e -> new IllegalStateException(doing, e));
    }
}
