package app.tandem.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.PlatformServiceException;
import app.tandem.lti.api.Rosters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** The class roster panel of a teacher's home: who teaches and how many learners, from launches and NRPS. */
@Path("app/roster")
@RequestScoped
public class RosterResource {
    @Inject
    CurrentLaunch current;

    @Inject
    Rosters rosters;

    @Inject
    HttpServletRequest request;

    @GET
    public Response show() {
        LaunchContext launch = teacherInSection();
        return panel(launch, rosters.roster(launch.sectionId()), null);
    }

    /** Reads the roster from the LMS (at most once per few minutes); LMS problems are shown in the panel. */
    @POST
    @Path("refresh")
    public Response refresh() {
        LaunchContext launch = teacherInSection();
        try {
            return panel(launch, rosters.refresh(launch.sectionId(), false), null);
        } catch (PlatformServiceException e) {
            return panel(launch, rosters.roster(launch.sectionId()), e.getMessage());
        }
    }

    private LaunchContext teacherInSection() {
        LaunchContext launch = current.require();
        if (!launch.hasSection() || !launch.is(AppRole.TEACHER)) {
            throw new InvalidRequestException(403, "Only the course's teachers can see its roster.", Map.of());
        }
        return launch;
    }

    private Response panel(LaunchContext launch, Rosters.Roster roster, String problem) {
        Map<String, Object> model = new HashMap<>();
        model.put("roster", roster);
        model.put("problem", problem);
        model.put("teachers", roster.count(AppRole.TEACHER));
        model.put("students", roster.count(AppRole.STUDENT));
        return Pages.render("home/roster.jte", launch, request.getContextPath(), model);
    }
}
