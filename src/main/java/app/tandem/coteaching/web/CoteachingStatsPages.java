package app.tandem.coteaching.web;

import app.tandem.coteaching.application.CoteachingStats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The coordinators' co-teaching view (htmx fragment): figures, charts and the tables behind them. */
@Path("app/district/coteaching")
@RequestScoped
public class CoteachingStatsPages {
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    @Inject
    PlanRequests requests;

    @Inject
    CoteachingStats stats;

    @GET
    public Response view() {
        return Fragments.guard(requests.contextPath(), () -> {
            CoteachingStats.Report r = stats.report(requests.launch());
            BarChart weeks = BarChart.vertical("ct-weeks-chart", "Plans per week",
                    "Bar chart of co-teaching plans per week, " + r.weeks().size() + " weeks; the table below has the numbers.",
                    r.weeks().stream().map(w -> new BarChart.Value(WEEK.format(w.weekStart()), w.plans())).toList(), 640, 220);
            BarChart models = BarChart.horizontal("ct-models-chart", "Co-teaching models",
                    "Bar chart of plans per co-teaching model; the table below has the numbers.",
                    r.models().stream().map(m -> new BarChart.Value(m.model().label(), m.plans())).toList(), 640);
            BarChart schools = BarChart.horizontal("ct-schools-chart", "Plans per school",
                    "Bar chart of co-teaching plans per school or sub-account; the table below has the numbers.",
                    r.schools().stream().map(s -> new BarChart.Value(s.school().isEmpty() ? "School not known" : cut(s.school()), s.plans())).toList(), 640);
            return Fragments.html(requests.contextPath(), "coteaching/coteachingStats.jte",
                    Map.of("r", r, "weeks", weeks, "models", models, "schools", schools));
        });
    }

    private static String cut(String s) {
        return s.length() > 22 ? s.substring(0, 21) + "\u2026" : s;
    }
}
