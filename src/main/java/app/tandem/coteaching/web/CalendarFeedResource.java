package app.tandem.coteaching.web;

import app.tandem.coteaching.application.CalendarFeeds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The public iCalendar feed: {@code GET /calendar/{secret}.ics}, fetched by calendar apps without a session, so
 * the secret in the path is the credential. Anything but a live feed's secret is the same plain 404, so nothing
 * is learnt from trying; every failure is answered here, so the path (with the secret) never reaches a log.
 */
@Path("calendar")
@RequestScoped
public class CalendarFeedResource {
    private static final Logger LOG = Logger.getLogger(CalendarFeedResource.class.getName());
    static final MediaType CALENDAR = new MediaType("text", "calendar", "utf-8");

    @Inject
    CalendarFeeds feeds;

    @GET
    @Path("{file}")
    public Response feed(@PathParam("file") String file) {
        String secret = file != null && file.endsWith(".ics") ? file.substring(0, file.length() - 4) : null;
        Optional<String> calendar;
        try {
            calendar = feeds.calendar(secret);
        } catch (RuntimeException e) {
            String feed = "?";
            try {
                feed = feeds.feedId(secret).orElse("?");
            } catch (RuntimeException ignored) {
                // the database is unreachable: the feed id stays unknown
            }
            LOG.log(Level.SEVERE, "calendar feed " + feed + " could not be built", e);
            return plain(500, "The calendar could not be built just now. Your calendar app will try again later.");
        }
        if (calendar.isEmpty()) {
            return plain(404, "Not found.");
        }
        return Response.ok(calendar.get(), CALENDAR).header("Cache-Control", "private, no-store")
                .header("Content-Disposition", "inline; filename=\"tandem.ics\"").build();
    }

    private static Response plain(int status, String text) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).header("Cache-Control", "private, no-store")
                .entity(text + "\n").build();
    }
}
