package app.tandem.alignment.application;

import app.tandem.alignment.application.LearnModel.Resource;
import app.tandem.alignment.application.LearnModel.Standard;
import app.tandem.alignment.application.LearnModel.Unit;
import app.tandem.alignment.application.LearnModel.View;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.PlaceableContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a teacher can place in the LMS from the course map (Deep Linking): the student view, each unit's standards
 * page and each aligned student-visible resource, grouped by unit in the picker. Placed links name their object in
 * {@code tandem_target}: {@value #STUDENT_VIEW}, {@code unit:{unitId}}, {@code resource:{itemId}}. Nothing is offered
 * before something student-visible is aligned.
 */
@ApplicationScoped
public class AlignedContent implements PlaceableContent {
    public static final String STUDENT_VIEW = "student-view";
    public static final String UNIT = "unit:";
    public static final String RESOURCE = "resource:";
    private static final int CODES_SHOWN = 4;

    @Inject
    StudentView studentView;

    @Override
    public List<Option> options(LaunchContext launch) {
        if (!launch.hasSection()) {
            return List.of();
        }
        View view;
        try {
            view = studentView.preview(launch, launch.sectionId());
        } catch (InvalidRequestException e) {
            return List.of();
        }
        return options(view);
    }

    /** The options of a section's student view, in course-map order. */
    static List<Option> options(View view) {
        if (view.empty()) {
            return List.of();
        }
        List<Option> options = new ArrayList<>();
        options.add(new Option(STUDENT_VIEW, "What we are learning",
                "Every standard of this course in plain language, with the resources for it, by unit (" + view.standardCount() + " standards).",
                Map.of(TARGET, STUDENT_VIEW)));
        for (Unit unit : view.units()) {
            Map<String, Resource> resources = new LinkedHashMap<>();
            Map<String, Set<String>> codes = new LinkedHashMap<>();
            for (Standard s : unit.standards()) {
                for (Resource r : s.resources()) {
                    resources.putIfAbsent(r.itemId(), r);
                    codes.computeIfAbsent(r.itemId(), k -> new LinkedHashSet<>()).add(s.shortCode() == null ? "a standard" : s.shortCode());
                }
            }
            options.add(new Option("unit-" + unit.unitId(), unit.title() + ": what we are learning",
                    "This unit's " + unit.standards().size() + (unit.standards().size() == 1 ? " standard" : " standards")
                            + " in plain language, with its " + resources.size() + (resources.size() == 1 ? " resource." : " resources."),
                    Map.of(TARGET, UNIT + unit.unitId()), unit.title()));
            for (Resource r : resources.values()) {
                options.add(new Option("resource-" + r.itemId(), r.title(), describe(r, codes.get(r.itemId())),
                        Map.of(TARGET, RESOURCE + r.itemId()), unit.title()));
            }
        }
        return options;
    }

    private static String describe(Resource r, Set<String> codes) {
        List<String> shown = codes.stream().limit(CODES_SHOWN).toList();
        String more = codes.size() > CODES_SHOWN ? " and " + (codes.size() - CODES_SHOWN) + " more" : "";
        String type = r.typeLabel() == null ? "Resource" : Character.toUpperCase(r.typeLabel().charAt(0)) + r.typeLabel().substring(1);
        return type + " with its standards: " + String.join(", ", shown) + more + ".";
    }
}
