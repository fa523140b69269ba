package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.coteaching.domain.CoteachingStatsStore.GroupSchools;
import app.tandem.coteaching.domain.CoteachingStatsStore.Groups;
import app.tandem.coteaching.domain.CoteachingStatsStore.PlanFact;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoteachingStatsTest {
    private static final LocalDate FROM = LocalDate.parse("2026-09-07"); // a Monday

    private static String body(String... standards) {
        StringBuilder b = new StringBuilder("{\"title\":\"x\",\"standards\":[");
        for (int i = 0; i < standards.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(standards[i]).append("\",\"code\":\"C-").append(standards[i])
                    .append("\",\"statement\":\"S ").append(standards[i]).append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void plansAreCountedPerWeekModelStandardAndSchool() {
        Map<String, GroupSchools> schools = new LinkedHashMap<>();
        schools.put("g1", new GroupSchools(true, Set.of("North High")));
        schools.put("g2", new GroupSchools(true, Set.of("North High", "South Middle")));
        schools.put("g3", new GroupSchools(false, Set.of("")));
        CoteachingStats.Tally t = new CoteachingStats.Tally(FROM, schools);
        t.add(new PlanFact("p1", "g1", "STATION", "PUBLISHED", FROM, body("a", "b", "a")));
        t.add(new PlanFact("p2", "g1", "STATION", "DRAFT", FROM.plusDays(6), body("a")));
        t.add(new PlanFact("p3", "g2", "TEAM", "DRAFT", FROM.plusWeeks(11).plusDays(6), body("c")));
        t.add(new PlanFact("p4", "g3", "PARALLEL", "DRAFT", FROM.plusWeeks(3), "{not json"));
        t.add(new PlanFact("p5", "g1", "STATION", "DRAFT", FROM.minusDays(1), body("z"))); // before the period
        t.add(new PlanFact("p6", "g1", "STATION", "DRAFT", FROM.plusWeeks(12), body("z"))); // after it

        CoteachingStats.Report r = t.report(FROM, FROM.plusWeeks(12).minusDays(1), new Groups(2, 1, 5));

        assertThat(r.plans()).isEqualTo(4);
        assertThat(r.publishedPlans()).isEqualTo(1);
        assertThat(r.weeks()).hasSize(CoteachingStats.WEEKS);
        assertThat(r.weeks().get(0).plans()).isEqualTo(2);
        assertThat(r.weeks().get(3).plans()).isEqualTo(1);
        assertThat(r.weeks().get(11).plans()).isEqualTo(1);
        assertThat(r.weeks().get(11).weekStart()).isEqualTo(FROM.plusWeeks(11));
        assertThat(r.models()).hasSize(6);
        assertThat(r.models().stream().filter(m -> m.model() == PlanModel.STATION).findFirst().orElseThrow().plans()).isEqualTo(2);
        assertThat(r.standardsCovered()).isEqualTo(3);
        assertThat(r.topStandards().get(0).code()).isEqualTo("C-a");
        assertThat(r.topStandards().get(0).plans()).isEqualTo(2);
        assertThat(r.topStandards().get(0).groups()).isEqualTo(1);
        assertThat(r.schools()).extracting(CoteachingStats.SchoolRow::school).containsExactly("North High", "South Middle", "");
        CoteachingStats.SchoolRow north = r.schools().get(0);
        assertThat(north.groups()).isEqualTo(2);
        assertThat(north.plans()).isEqualTo(3);
        assertThat(north.standards()).isEqualTo(3);
        assertThat(r.schools().get(2).groups()).isZero(); // g3 is dissolved
        assertThat(r.schools().get(2).plans()).isEqualTo(1);
        assertThat(r.schoolsKnown()).isTrue();
        assertThat(r.liveGroups()).isEqualTo(2);
    }
}
