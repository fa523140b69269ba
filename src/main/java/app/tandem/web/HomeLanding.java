package app.tandem.web;

import app.tandem.district.application.DistrictService;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchLanding;
import app.tandem.lti.api.PlaceableContent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** After a launch: the home page of the person's role in Tandem. */
@RequestScoped
public class HomeLanding implements LaunchLanding {
    @Inject
    DistrictService districts;

    @Inject
    HttpServletRequest request;

    @Inject
    DeepLinkResource deepLinks;

    @Inject
    PlacedLinks placedLinks;

    @Override
    public Response land(LaunchContext launch) {
        if (launch.isDeepLinking()) {
            boolean mayPlace = launch.is(AppRole.TEACHER) || launch.is(AppRole.COORDINATOR);
            List<PlaceableContent.Option> options = mayPlace ? deepLinks.options(launch) : List.of();
            return Pages.render("home/deep-linking.jte", launch, request.getContextPath(),
                    Map.of("options", options, "mayPlace", mayPlace, "groups", DeepLinkResource.grouped(options)));
        }
        // A placed link names its object in custom tandem_target (PlacedLinks); no target opens the course home.
        return placedLinks.land(launch, request.getContextPath()).orElseGet(() -> home(launch, request.getContextPath()));
    }

    Response home(LaunchContext launch, String contextPath) {
        String district = districts.districtName(launch.districtId()).orElse("your district");
        return Pages.render("home/home.jte", launch, contextPath, Map.of("districtName", district));
    }
}
