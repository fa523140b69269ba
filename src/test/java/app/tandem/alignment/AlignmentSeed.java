package app.tandem.alignment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes course maps straight into the tables (sections, settings, units, items, alignments and their history
 * events) for coverage tests and the roll-up benchmark, in JDBC batches committed every few thousand rows. Used in
 * unit tests, the benchmark, and inside the server by the integration tests' seeding resource.
 */
public final class AlignmentSeed implements AutoCloseable {
    private static final int FLUSH_EVERY = 5000;

    private final Connection c;
    private final PreparedStatement section;
    private final PreparedStatement settings;
    private final PreparedStatement unit;
    private final PreparedStatement item;
    private final PreparedStatement alignment;
    private final PreparedStatement event;
    private int pending;
    private boolean events = true;
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    public AlignmentSeed(DataSource dataSource) throws SQLException {
        c = dataSource.getConnection();
        c.setAutoCommit(false);
        section = c.prepareStatement("INSERT INTO section (id, registration_id, context_id, district_id, title, label, created_at, updated_at) "
                + "VALUES (?,?,?,?,?,?,?,?)");
        settings = c.prepareStatement("INSERT INTO al_section_settings (section_id, district_id, grades, subjects, framework_ids, school, "
                + "updated_at, version) VALUES (?,?,?,?,?,?,?,0)");
        unit = c.prepareStatement("INSERT INTO al_unit (id, section_id, district_id, title, position, version, created_at, updated_at) "
                + "VALUES (?,?,?,?,?,0,?,?)");
        item = c.prepareStatement("INSERT INTO al_item (id, unit_id, section_id, kind, title, resource_type, position, version, created_at, "
                + "updated_at) VALUES (?,?,?,'RESOURCE',?,'lesson',?,0,?,?)");
        alignment = c.prepareStatement("INSERT INTO al_alignment (id, item_id, section_id, standard_id, framework_id, standard_code, "
                + "alignment_type, created_by_name, created_at) VALUES (?,?,?,?,?,?,?,'seed',?)");
        event = c.prepareStatement("INSERT INTO al_alignment_event (id, section_id, item_id, standard_id, standard_code, alignment_type, "
                + "action, person_name, occurred_at) VALUES (?,?,?,?,?,?,?,'seed',?)");
    }

    /** Whether alignments get their ADDED history event (default true; bulk data for benchmarks leaves them out). */
    public AlignmentSeed events(boolean on) {
        events = on;
        return this;
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** A platform registration to hang sections on (committed at once). */
    public String registration(String name) throws SQLException {
        String id = id();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_registration (id, issuer, client_id, name, auth_endpoint, "
                + "jwks_url, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,0)")) {
            ps.setString(1, id);
            ps.setString(2, "https://lms.example/" + id);
            ps.setString(3, "client-" + id);
            ps.setString(4, name);
            ps.setString(5, "https://lms.example/auth");
            ps.setString(6, "https://lms.example/jwks");
            ps.setObject(7, now);
            ps.setObject(8, now);
            ps.executeUpdate();
        }
        c.commit();
        return id;
    }

    /** A district (committed at once). */
    public String district(String name) throws SQLException {
        String id = id();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO district (id, name, created_at) VALUES (?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setObject(3, now);
            ps.executeUpdate();
        }
        c.commit();
        return id;
    }

    /** A section (the LMS context id derived from its id). */
    public String section(String districtId, String registrationId, String title) throws SQLException {
        String id = id();
        bind(section, id, registrationId, "ctx-" + id, districtId, title, null, now, now);
        return id;
    }

    /** Course settings: comma-separated grades, subjects and framework ids (null: defaults), and the school. */
    public void settings(String sectionId, String districtId, String grades, String subjects, String frameworkIds, String school)
            throws SQLException {
        bind(settings, sectionId, districtId, grades, subjects, frameworkIds, school, now);
    }

    public String unit(String sectionId, String districtId, String title, int position) throws SQLException {
        String id = id();
        bind(unit, id, sectionId, districtId, title, position, now, now);
        return id;
    }

    public String item(String unitId, String sectionId, String title, int position) throws SQLException {
        String id = id();
        bind(item, id, unitId, sectionId, title, position, now, now);
        return id;
    }

    /** An alignment and, as the course map writes it, its ADDED event. */
    public String align(String itemId, String sectionId, String standardId, String frameworkId, String code, String type) throws SQLException {
        String id = id();
        bind(alignment, id, itemId, sectionId, standardId, frameworkId, code, type, now);
        if (events) {
            bind(event, id(), sectionId, itemId, standardId, code, type, "ADDED", now);
        }
        return id;
    }

    private void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        ps.addBatch();
        if (++pending >= FLUSH_EVERY) {
            flush();
        }
    }

    /** Writes the pending rows (parents first) and commits. */
    public void flush() throws SQLException {
        for (PreparedStatement ps : new PreparedStatement[] {section, settings, unit, item, alignment, event}) {
            ps.executeBatch();
        }
        c.commit();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            c.close();
        }
    }
}
