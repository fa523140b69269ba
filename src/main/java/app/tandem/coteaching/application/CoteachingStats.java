package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.domain.CoteachingStatsStore;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The coordinators' co-teaching report for their district: link groups, plans per week over the last
 * {@value #WEEKS} weeks (weeks start on Monday, dates in UTC), the co-teaching models of those plans, the standards
 * they cover (from the plans' standards lists), and the same per school where the LMS told the school
 * (al_section_settings.school). A plan of a group whose sections are in two schools counts for both schools.
 * Coordinators only, and only their own district.
 */
@ApplicationScoped
public class CoteachingStats {
    public static final int WEEKS = 12;
    static final int TOP = 15;

    @Inject
    CoteachingStatsStore store;

    public record WeekCount(LocalDate weekStart, int plans) {
    }

    public record ModelCount(PlanModel model, int plans) {
    }

    /** A standard chosen in co-taught plans: in how many plans and how many link groups. */
    public record StandardCount(String id, String code, String statement, int plans, int groups) {
        public String label() {
            return code == null || code.isBlank() ? statement : code;
        }
    }

    /** One school (or "" for sections whose school is not known): its live link groups, plans and standards. */
    public record SchoolRow(String school, int groups, int plans, int standards) {
    }

    public record Report(LocalDate from, LocalDate to, int liveGroups, int dissolvedGroups, int linkedSections, int plans,
                         int publishedPlans, List<WeekCount> weeks, List<ModelCount> models, int standardsCovered,
                         List<StandardCount> topStandards, List<SchoolRow> schools) {
        /** Whether any section told its school. */
        public boolean schoolsKnown() {
            return schools.stream().anyMatch(s -> !s.school().isEmpty());
        }
    }

    public Report report(LaunchContext launch) {
        if (!launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "The district's co-teaching report is for its eLearning coordinators.", Map.of("role", "coordinator"));
        }
        return report(launch.districtId(), LocalDate.now(ZoneOffset.UTC));
    }

    Report report(String districtId, LocalDate today) {
        LocalDate thisWeek = today.with(DayOfWeek.MONDAY);
        LocalDate from = thisWeek.minusWeeks(WEEKS - 1L);
        LocalDate to = thisWeek.plusDays(6);
        CoteachingStatsStore.Groups groups = store.groups(districtId);
        Map<String, CoteachingStatsStore.GroupSchools> schoolsByGroup = store.schoolsByGroup(districtId);
        Tally t = new Tally(from, schoolsByGroup);
        store.plans(districtId, from, to, t::add);
        return t.report(from, to, groups);
    }

    /** Counts plans as they stream by. */
    static final class Tally {
        private final LocalDate from;
        private final Map<String, CoteachingStatsStore.GroupSchools> schoolsByGroup;
        private final int[] perWeek = new int[WEEKS];
        private final Map<PlanModel, Integer> models = new LinkedHashMap<>();
        private final Map<String, StandardAcc> standards = new HashMap<>();
        private final Map<String, SchoolAcc> schools = new TreeMap<>();
        private int plans;
        private int published;

        Tally(LocalDate from, Map<String, CoteachingStatsStore.GroupSchools> schoolsByGroup) {
            this.from = from;
            this.schoolsByGroup = schoolsByGroup;
            for (PlanModel m : PlanModel.values()) {
                models.put(m, 0);
            }
            // live groups per school; plans of dissolved groups still count for their schools below
            schoolsByGroup.forEach((group, gs) -> gs.schools().forEach(s -> {
                SchoolAcc acc = schools.computeIfAbsent(s, k -> new SchoolAcc());
                if (gs.live()) {
                    acc.groups.add(group);
                }
            }));
        }

        void add(CoteachingStatsStore.PlanFact p) {
            long days = ChronoUnit.DAYS.between(from, p.startsOn());
            int week = (int) Math.floorDiv(days, 7L);
            if (days < 0 || week >= WEEKS) {
                return;
            }
            plans++;
            perWeek[week]++;
            if ("PUBLISHED".equals(p.status())) {
                published++;
            }
            PlanModel.parse(p.model()).ifPresent(m -> models.merge(m, 1, Integer::sum));
            List<String> ids = new ArrayList<>();
            for (JsonValue v : standardsOf(p.body())) {
                JsonObject s = v.asJsonObject();
                String id = s.getString("id", "");
                if (id.isEmpty() || ids.contains(id)) {
                    continue;
                }
                ids.add(id);
                StandardAcc acc = standards.computeIfAbsent(id, k -> new StandardAcc());
                acc.code = s.getString("code", acc.code == null ? "" : acc.code);
                acc.statement = s.getString("statement", acc.statement == null ? "" : acc.statement);
                acc.plans++;
                acc.groups.add(p.groupId());
            }
            CoteachingStatsStore.GroupSchools gs = schoolsByGroup.get(p.groupId());
            for (String school : gs == null ? Set.of("") : gs.schools()) {
                SchoolAcc acc = schools.computeIfAbsent(school, k -> new SchoolAcc());
                acc.plans++;
                acc.standards.addAll(ids);
            }
        }

        Report report(LocalDate from, LocalDate to, CoteachingStatsStore.Groups groups) {
            List<WeekCount> weeks = new ArrayList<>();
            for (int i = 0; i < WEEKS; i++) {
                weeks.add(new WeekCount(from.plusWeeks(i), perWeek[i]));
            }
            List<ModelCount> modelCounts = models.entrySet().stream().map(e -> new ModelCount(e.getKey(), e.getValue())).toList();
            List<StandardCount> top = standards.entrySet().stream()
                    .map(e -> new StandardCount(e.getKey(), e.getValue().code, e.getValue().statement, e.getValue().plans, e.getValue().groups.size()))
                    .sorted(Comparator.comparingInt(StandardCount::plans).reversed().thenComparing(StandardCount::label))
                    .limit(TOP).toList();
            List<SchoolRow> schoolRows = new ArrayList<>();
            schools.forEach((name, acc) -> schoolRows.add(new SchoolRow(name, acc.groups.size(), acc.plans, acc.standards.size())));
            // the unknown school last
            schoolRows.sort(Comparator.comparing((SchoolRow r) -> r.school().isEmpty()).thenComparing(SchoolRow::school));
            return new Report(from, to, groups.live(), groups.dissolved(), groups.linkedSections(), plans, published, weeks, modelCounts,
                    standards.size(), top, schoolRows);
        }

        private static List<JsonValue> standardsOf(String body) {
            if (body == null || !body.contains("\"standards\"")) {
                return List.of();
            }
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                JsonValue v = r.readObject().get("standards");
                return v != null && v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : List.of();
            } catch (RuntimeException e) {
                return List.of();
            }
        }
    }

    private static final class StandardAcc {
        String code;
        String statement;
        int plans;
        final Set<String> groups = new HashSet<>();
    }

    private static final class SchoolAcc {
        final Set<String> groups = new HashSet<>();
        final Set<String> standards = new HashSet<>();
        int plans;
    }
}
