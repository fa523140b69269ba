package app.tandem.coteaching.web;

import app.tandem.coteaching.application.CalendarFeeds;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * The teacher's calendar panel (htmx fragment): create a subscription URL (shown once), regenerate it (the old
 * one stops working), or stop it. The feed itself is {@link CalendarFeedResource}.
 */
@Path("app/calendar")
@RequestScoped
public class CalendarPages {
    @Inject
    PlanRequests requests;

    @Inject
    CalendarFeeds feeds;

    @GET
    public Response panel() {
        return Fragments.guard(requests.contextPath(), () -> panel(requests.launch(), null, null));
    }

    /** Creates the subscription, or replaces it (regenerate). */
    @POST
    public Response issue() {
        return Fragments.guard(requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            boolean had = feeds.subscription(launch).isPresent();
            CalendarFeeds.Issued issued = feeds.issue(launch);
            return panel(launch, issued, had ? "A new subscription URL was made: the old one no longer works." : "Your subscription URL is ready.");
        });
    }

    @POST
    @Path("revoke")
    public Response revoke() {
        return Fragments.guard(requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            boolean had = feeds.revoke(launch);
            return panel(launch, null, had ? "Subscription stopped: calendars can no longer fetch it." : "There was no subscription to stop.");
        });
    }

    private Response panel(LaunchContext launch, CalendarFeeds.Issued issued, String notice) {
        Map<String, Object> m = new HashMap<>();
        m.put("subscription", feeds.subscription(launch).orElse(null));
        m.put("issued", issued);
        m.put("notice", notice);
        return Fragments.html(requests.contextPath(), "coteaching/calendar.jte", m);
    }
}
