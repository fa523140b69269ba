package app.tandem.web;

import app.tandem.district.application.DistrictService;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchLanding;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** After a launch: the home page of the person's role in Tandem. */
@RequestScoped
public class HomeLanding implements LaunchLanding {
    static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";

    @Inject
    DistrictService districts;

    @Inject
    HttpServletRequest request;

    @Override
    public Response land(LaunchContext launch) {
        if (DEEP_LINKING_REQUEST.equals(launch.messageType())) {
            return Pages.render("home/deep-linking.jte", launch, request.getContextPath(), Map.of());
        }
        return home(launch, request.getContextPath());
    }

    Response home(LaunchContext launch, String contextPath) {
        String district = districts.districtName(launch.districtId()).orElse("your district");
        return Pages.render("home/home.jte", launch, contextPath, Map.of("districtName", district));
    }
}
