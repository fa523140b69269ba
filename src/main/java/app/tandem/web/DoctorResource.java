package app.tandem.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.RegistrationDoctor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The coordinator's view of the registration doctor: the LMS connections of their district, checked on request. */
@Path("app/doctor")
@RequestScoped
public class DoctorResource {
    @Inject
    CurrentLaunch current;

    @Inject
    RegistrationDoctor doctor;

    @Inject
    HttpServletRequest request;

    @GET
    public Response list() {
        LaunchContext launch = coordinator();
        return Pages.render("home/doctor-list.jte", launch, request.getContextPath(),
                Map.of("registrations", doctor.registrationsOf(launch.districtId())));
    }

    @GET
    @Path("{registration}")
    public Response check(@PathParam("registration") String registrationId) {
        LaunchContext launch = coordinator();
        boolean ours = doctor.registrationsOf(launch.districtId()).stream().anyMatch(r -> r.id().equals(registrationId));
        if (!ours) {
            throw new InvalidRequestException(404, "Your district has no LMS connection with this id.", Map.of());
        }
        return Pages.render("home/doctor-report.jte", launch, request.getContextPath(),
                Map.of("report", doctor.examine(registrationId).orElseThrow()));
    }

    private LaunchContext coordinator() {
        LaunchContext launch = current.require();
        if (!launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Only eLearning coordinators can check the district's LMS connections.", Map.of());
        }
        return launch;
    }
}
