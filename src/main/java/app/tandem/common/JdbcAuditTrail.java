package app.tandem.common;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link AuditTrail} on plain JDBC over {@code jdbc/tandem}. The container's data source enlists the connection in the
 * caller's JTA transaction, so the entry commits or rolls back with the action.
 */
@ApplicationScoped
public class JdbcAuditTrail implements AuditTrail {
    private static final String COLUMNS =
            "id, district_id, at, actor_kind, actor_id, actor_name, action, target_type, target_id, target_label, details";

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    public JdbcAuditTrail() {
    }

    public JdbcAuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(String districtId, Actor actor, String action, Target target, String details) {
        if (actor == null || action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an actor and an action");
        }
        Target t = target == null ? new Target(null, null, null) : target;
        jdbc().update("INSERT INTO district_audit (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                Tokens.newId(), districtId, OffsetDateTime.now(ZoneOffset.UTC), actor.kind().name(), cut(actor.personId(), 36),
                cut(actor.name(), 300), cut(action, 60), cut(t.type(), 40), cut(t.id(), 300), cut(t.label(), 500), cut(details, 2000));
    }

    @Override
    public <T> T together(Supplier<T> changeAndRecord) {
        return jdbc().together(changeAndRecord);
    }

    @Override
    public Paged<Entry> page(String districtId, int page, Filter filter) {
        Filter f = filter == null ? Filter.NONE : filter;
        StringBuilder where = new StringBuilder(" FROM district_audit WHERE district_id = ?");
        List<Object> args = new ArrayList<>(List.of(districtId));
        if (f.action() != null) {
            where.append(" AND action = ?");
            args.add(f.action());
        }
        if (f.actorId() != null) {
            where.append(" AND actor_id = ?");
            args.add(f.actorId());
        }
        Jdbc jdbc = jdbc();
        long total = jdbc.query("SELECT COUNT(*)" + where, rs -> rs.getLong(1), args.toArray()).get(0);
        int last = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(page, 1), last);
        args.add(PAGE_SIZE);
        args.add((p - 1) * PAGE_SIZE);
        List<Entry> entries = jdbc.query("SELECT " + COLUMNS + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                JdbcAuditTrail::entry, args.toArray());
        return new Paged<>(entries, total, p, PAGE_SIZE);
    }

    @Override
    public Choices choices(String districtId) {
        Jdbc jdbc = jdbc();
        List<String> actions = jdbc.query("SELECT DISTINCT action FROM district_audit WHERE district_id = ? ORDER BY action",
                rs -> rs.getString(1), districtId);
        List<Person> people = jdbc.query("SELECT actor_id, MAX(actor_name) FROM district_audit WHERE district_id = ? AND actor_id IS NOT NULL"
                        + " GROUP BY actor_id ORDER BY MAX(actor_name), actor_id",
                rs -> new Person(rs.getString(1), rs.getString(2)), districtId);
        return new Choices(actions, people);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
        return new Entry(rs.getString("id"), rs.getString("district_id"), at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC),
                ActorKind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("target_label"), rs.getString("details"));
    }

    private Jdbc jdbc() {
        return new Jdbc(dataSource, e -> new IllegalStateException("audit log: " + e.getMessage(), e));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
