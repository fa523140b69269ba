package app.tandem.web;

import app.tandem.alignment.application.AlignedContent;
import app.tandem.alignment.application.StudentView;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.PlaceableContent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * What a launch of a placed link opens, by its custom {@code tandem_target}: the course home ({@code home}, or no
 * target), the student view ({@code student-view}), a unit's standards page ({@code unit:{unitId}}) or one
 * resource with its standards ({@code resource:{itemId}}). Teachers see the same pages with edit links. A target
 * that names nothing of the launch's section (unknown, removed, hidden, another section's) is a friendly 404 page.
 */
@RequestScoped
public class PlacedLinks {
    @Inject
    StudentView studentView;

    /** The page for the launch's target, or empty for the course home. */
    Optional<Response> land(LaunchContext launch, String contextPath) {
        String target = launch.custom() == null ? null : launch.custom().get(PlaceableContent.TARGET);
        if (target == null || target.isBlank() || CourseHomeContent.HOME.equals(target)) {
            return Optional.empty();
        }
        try {
            return Optional.of(page(launch, contextPath, target.strip()));
        } catch (InvalidRequestException e) {
            return Optional.of(missing(launch, contextPath, e.status(), e.getMessage()));
        }
    }

    private Response page(LaunchContext launch, String ctx, String target) {
        if (target.equals(AlignedContent.STUDENT_VIEW)) {
            var view = studentView.ofLaunch(launch);
            return Pages.render("alignment/learnPage.jte", launch, ctx,
                    Map.of("view", view, "teacher", studentView.teacherView(launch, view.sectionId())));
        }
        if (target.startsWith(AlignedContent.UNIT)) {
            var page = studentView.unit(launch, target.substring(AlignedContent.UNIT.length()));
            return Pages.render("alignment/learnUnit.jte", launch, ctx, Map.of("page", page, "teacher", studentView.teacherView(launch, page.sectionId())));
        }
        if (target.startsWith(AlignedContent.RESOURCE)) {
            var page = studentView.resource(launch, target.substring(AlignedContent.RESOURCE.length()));
            return Pages.render("alignment/learnResource.jte", launch, ctx,
                    Map.of("page", page, "teacher", studentView.teacherView(launch, page.sectionId())));
        }
        throw new InvalidRequestException(404, "This link names something Tandem does not know.", Map.of("target", "unknown"));
    }

    private static Response missing(LaunchContext launch, String ctx, int status, String message) {
        return Response.fromResponse(Pages.render("alignment/learnMissing.jte", launch, ctx, Map.of("message", message, "status", status)))
                .status(status).build();
    }
}
