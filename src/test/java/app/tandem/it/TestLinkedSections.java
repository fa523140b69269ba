package app.tandem.it;

import app.tandem.alignment.application.LinkedSections;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Test-only LinkedSections over the V8 link-group tables, for integration tests that need link groups on their
 * own (the co-teaching feature's implementation takes its place in Tandem; this alternative wins in the test WAR).
 */
@ApplicationScoped
@Alternative
@Priority(1000)
public class TestLinkedSections implements LinkedSections {
    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    @Override
    public Optional<Link> linkOf(String sectionId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT g.id, g.name, m.section_id FROM ct_group_section me "
                     + "JOIN ct_link_group g ON g.id = me.group_id AND g.dissolved_at IS NULL "
                     + "JOIN ct_group_section m ON m.group_id = g.id WHERE me.section_id = ? ORDER BY m.joined_at, m.section_id")) {
            ps.setString(1, sectionId);
            try (ResultSet rs = ps.executeQuery()) {
                String group = null;
                String name = null;
                List<String> sections = new ArrayList<>();
                while (rs.next()) {
                    group = rs.getString(1);
                    name = rs.getString(2);
                    sections.add(rs.getString(3));
                }
                return group == null ? Optional.empty() : Optional.of(new Link(group, name, sections, false));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
