package app.tandem.alignment.application;

import app.tandem.alignment.application.SuggestionIndex.Content;
import app.tandem.alignment.application.SuggestionIndex.Suggestion;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.Jdbc;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Ranked standards for a course-map item (its title and description, with its unit's as context), from the
 * section's frameworks and grades, leaving out the standards already aligned to the item and those a teacher
 * dismissed for it. Suggestions are never alignments: a teacher accepts one through the alignment endpoint.
 *
 * <p>Each server keeps one {@link SuggestionIndex} per district over the district's enabled frameworks, built on
 * first use and rebuilt when a framework a section needs is missing or at another version (a re-import); nothing
 * is shared between servers.
 */
@ApplicationScoped
public class Suggestions {
    private static final Logger LOG = Logger.getLogger(Suggestions.class.getName());
    public static final int MAX_LIMIT = 50;

    /** The item and its unit, as read for suggestions. */
    public record Item(String id, String sectionId, String unitId, String kind, String title, String description, String unitTitle,
                       String unitDescription, String resourceType) {
        /** How an accepted suggestion aligns unless the teacher chooses otherwise: from the item's resource type. */
        public AlignmentType acceptAs() {
            return AlignmentType.defaultFor(resourceType);
        }
    }

    /**
     * @param frameworks the section's frameworks (empty: nothing to suggest from)
     * @param grades     the section's grades (empty: any grade)
     */
    public record Result(Item item, List<Suggestion> suggestions, List<FrameworkRef> frameworks, Set<String> grades) {
    }

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    @Inject
    CourseSettings settings;

    @Inject
    StandardsCatalog catalog;

    private final Map<String, SuggestionIndex> indexes = new ConcurrentHashMap<>();

    public Suggestions() {
    }

    public Suggestions(DataSource dataSource, CourseSettings settings, StandardsCatalog catalog) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.catalog = catalog;
    }

    /** Suggestions for an item of the granted section; 404 when the item is not in that section. */
    public Result suggest(SectionAccess.Grant grant, String itemId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ".", Map.of("limit", "out-of-range"));
        }
        String districtId = grant.section().districtId();
        Item item = item(grant.section().id(), itemId);
        CourseSettings.Settings s = settings.of(districtId, grant.section().id());
        if (s.frameworks().isEmpty()) {
            return new Result(item, List.of(), List.of(), s.grades());
        }
        Map<String, Set<String>> scope = new LinkedHashMap<>();
        for (FrameworkRef f : s.frameworks()) {
            scope.put(f.id(), grades(s.grades(), f.enabledGrades()));
        }
        SuggestionIndex index = index(districtId, s.frameworks());
        List<Suggestion> ranked = index.suggest(new Content(item.title(), item.description(), item.unitTitle(), item.unitDescription()),
                scope, excluded(itemId), limit);
        return new Result(item, ranked, s.frameworks(), s.grades());
    }

    /**
     * Records that the item's teachers do not want a standard suggested for it again. Idempotent. The standard must
     * be one of the district's; only those who may edit the section's course map may dismiss.
     */
    public void dismiss(SectionAccess.Grant grant, LaunchContext launch, String itemId, String standardId) {
        if (!grant.mayEdit()) {
            throw new InvalidRequestException(403, "Only the section's teachers can dismiss suggestions.", Map.of("section", "read-only"));
        }
        item(grant.section().id(), itemId);
        if (standardId == null || standardId.isBlank() || standardId.length() > 36
                || catalog.standard(grant.section().districtId(), standardId).isEmpty()) {
            throw new InvalidRequestException(404, "There is no such standard in your district's library.", Map.of("standardId", "unknown"));
        }
        if (!query("SELECT 1 FROM al_suggestion_dismissal WHERE item_id = ? AND standard_id = ?", rs -> 1, itemId, standardId).isEmpty()) {
            return;
        }
        try {
            jdbc().update("INSERT INTO al_suggestion_dismissal (item_id, standard_id, person_id, dismissed_at) VALUES (?,?,?,?)",
                    itemId, standardId, launch.personId(), OffsetDateTime.now(ZoneOffset.UTC));
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SQLException s && Jdbc.isDuplicate(s))) { // dismissed at the same moment by someone else
                throw e;
            }
        }
    }

    /** The item with its unit, if it belongs to the section; else 404. */
    public Item item(String sectionId, String itemId) {
        return findItem(sectionId, itemId).orElseThrow(() -> new InvalidRequestException(404,
                "There is no such item in this course section.", Map.of("item", "unknown")));
    }

    private Optional<Item> findItem(String sectionId, String itemId) {
        if (itemId == null || itemId.isBlank() || itemId.length() > 36) {
            return Optional.empty();
        }
        return query("SELECT i.id, i.section_id, i.unit_id, i.kind, i.title, i.description, u.title, u.description, i.resource_type"
                + " FROM al_item i JOIN al_unit u ON u.id = i.unit_id WHERE i.id = ? AND i.section_id = ?", rs -> new Item(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9)),
                itemId, sectionId).stream().findFirst();
    }

    /** Standards aligned to the item (any type) or dismissed for it. */
    private Set<String> excluded(String itemId) {
        return new HashSet<>(query("SELECT standard_id FROM al_alignment WHERE item_id = ? "
                + "UNION SELECT standard_id FROM al_suggestion_dismissal WHERE item_id = ?", rs -> rs.getString(1), itemId, itemId));
    }

    private <T> List<T> query(String sql, Jdbc.Row<T> row, Object... args) {
        return jdbc().query(sql, row, args);
    }

    private Jdbc jdbc() {
        return new Jdbc(dataSource, IllegalStateException::new);
    }

    /**
     * The grades to suggest from in a framework: the section's, within those the district enabled the framework
     * for; the district's alone when the section's are unknown (or share none with them); empty: any grade.
     */
    static Set<String> grades(Set<String> section, Set<String> enabled) {
        if (section.isEmpty()) {
            return enabled;
        }
        if (enabled.isEmpty()) {
            return section;
        }
        Set<String> both = new HashSet<>(section);
        both.retainAll(enabled);
        return both.isEmpty() ? enabled : both;
    }

    /** This server's index of the district's standards, rebuilt when one of the frameworks is missing or outdated. */
    SuggestionIndex index(String districtId, List<FrameworkRef> needed) {
        SuggestionIndex current = indexes.get(districtId);
        if (covers(current, needed)) {
            return current;
        }
        synchronized (this) {
            current = indexes.get(districtId);
            if (covers(current, needed)) {
                return current;
            }
            long start = System.nanoTime();
            Map<String, FrameworkRef> frameworks = new LinkedHashMap<>();
            catalog.enabledFrameworks(districtId).forEach(f -> frameworks.put(f.id(), f));
            needed.forEach(f -> frameworks.putIfAbsent(f.id(), f));
            List<SuggestionIndex.Source> sources = new ArrayList<>();
            for (FrameworkRef f : frameworks.values()) {
                sources.add(new SuggestionIndex.Source(catalog.outline(districtId, f.id()), catalog.texts(districtId, f.id())));
            }
            SuggestionIndex built = SuggestionIndex.build(sources, SuggestionIndex.Options.DEFAULT);
            indexes.put(districtId, built);
            LOG.info(() -> String.format("suggestion index for district %s: %d standards of %d frameworks in %.0f ms", districtId,
                    built.size(), sources.size(), (System.nanoTime() - start) / 1e6));
            return built;
        }
    }

    private static boolean covers(SuggestionIndex index, List<FrameworkRef> needed) {
        return index != null && needed.stream().allMatch(f -> Integer.valueOf(f.version()).equals(index.versions().get(f.id())));
    }

    /** Drops this server's index of a district (it is rebuilt on the next request). */
    public void evict(String districtId) {
        indexes.remove(districtId);
    }
}
