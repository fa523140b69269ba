package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.StandardsCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan to print or export as PDF: readable by the same people as the plan (teachers of its group, the
 * district's coordinators), with the licence notices of the frameworks its standards come from. Students get a
 * 403: they see only the published agenda.
 */
@ApplicationScoped
public class PlanPrints {
    @Inject
    Plans plans;

    @Inject
    StandardsCatalog catalog;

    /** A framework's licence notice, printed under the standards it covers. */
    public record Licence(String framework, String title, String text) {
    }

    public record Printable(PlanViews.Opened opened, List<Licence> licences) {
    }

    public Printable printable(LaunchContext launch, String planId) {
        if (!launch.is(AppRole.TEACHER) && !launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Plans are for teachers; students see the agenda their teachers publish.", Map.of("role", "teacher"));
        }
        PlanViews.Opened o = plans.open(launch, planId);
        List<String> ids = new ArrayList<>();
        for (JsonValue v : o.plan().doc().getJsonArray("standards")) {
            ids.add(v.asJsonObject().getString("id"));
        }
        List<Licence> licences = new ArrayList<>();
        if (!ids.isEmpty()) {
            Set<String> frameworks = new LinkedHashSet<>();
            catalog.standards(o.plan().districtId(), ids).values().forEach(s -> frameworks.add(s.frameworkId()));
            for (StandardsCatalog.FrameworkRef f : catalog.enabledFrameworks(o.plan().districtId())) {
                if (frameworks.contains(f.id()) && f.hasLicence()) {
                    licences.add(new Licence(f.title(), f.licenceTitle() == null || f.licenceTitle().isBlank() ? "Licence notice" : f.licenceTitle(),
                            f.licenceText()));
                }
            }
        }
        return new Printable(o, licences);
    }
}
