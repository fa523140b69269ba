package app.tandem.web;

import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.PlaceableContent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The course's Tandem home can always be placed; teachers and students each land on their own home from it. */
@ApplicationScoped
public class CourseHomeContent implements PlaceableContent {
    static final String HOME = "home";

    @Override
    public List<Option> options(LaunchContext launch) {
        return List.of(new Option("course-home", "Tandem",
                "The course's Tandem home: standards, aligned resources and plans for teachers, what we are learning for students.",
                Map.of(TARGET, HOME)));
    }
}
