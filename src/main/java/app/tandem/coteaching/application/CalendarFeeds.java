package app.tandem.coteaching.application;

import app.tandem.common.Settings;
import app.tandem.common.Tokens;
import app.tandem.coteaching.application.CalendarIcs.Event;
import app.tandem.coteaching.application.CalendarIcs.State;
import app.tandem.coteaching.domain.CalendarStore;
import app.tandem.coteaching.domain.GroupStore;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Teachers' calendar subscriptions. A teacher creates a secret feed URL (256 random bits, stored as its SHA-256
 * only, shown once); calendar apps fetch {@code /calendar/{secret}.ics} without a session, so the secret is the
 * credential: regenerating revokes the old URL, and so does revoking. The feed lists the plans of every link
 * group of the sections the person teaches now (Sections.taughtBy, in the feed's district) from a year back on,
 * and the lessons cancelled in those groups, so that subscribed calendars remove them.
 * <p>
 * A calendar is shared more widely than Tandem (assistants, family calendars, phone lock screens), so an event
 * carries the title, unit, model and who has which role, and never the free-text notes (tasks, differentiation,
 * accommodations, reflection), which may name students where district policy allows it; nor a link that would
 * need a session.
 */
@ApplicationScoped
public class CalendarFeeds {
    /** 32 random bytes in base64url without padding. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final int MAX_EVENTS = 2000;
    static final int DAYS_BACK = 365;

    @Inject
    CalendarStore store;

    @Inject
    Sections sections;

    @Inject
    GroupStore groups;

    @Inject
    PlanAccess access;

    @Inject
    Settings settings;

    /** The teacher's subscription, if any (the URL itself is never shown again). */
    public record Subscription(String id, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {
    }

    /** A new subscription URL, to show once. */
    public record Issued(String httpsUrl, String webcalUrl, OffsetDateTime createdAt) {
    }

    public Optional<Subscription> subscription(LaunchContext launch) {
        access.requireTeacher(launch);
        return store.liveFeed(launch.personId(), launch.districtId()).map(f -> new Subscription(f.id(), f.createdAt(), f.lastUsedAt()));
    }

    /** A new secret URL; the old one (if any) stops working at once. */
    public Issued issue(LaunchContext launch) {
        access.requireTeacher(launch);
        String secret = Tokens.random(32);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        store.replaceFeed(Tokens.newId(), launch.personId(), launch.districtId(), Tokens.sha256Hex(secret), now);
        String url = settings.url("/calendar/" + secret + ".ics");
        return new Issued(url, url.replaceFirst("^https?://", "webcal://"), now);
    }

    /** Revokes the teacher's subscription; whether there was one. */
    public boolean revoke(LaunchContext launch) {
        access.requireTeacher(launch);
        return store.revoke(launch.personId(), launch.districtId(), OffsetDateTime.now(ZoneOffset.UTC)) > 0;
    }

    /** The calendar behind a secret, or empty for anything that is not a live feed's secret. */
    public Optional<String> calendar(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        Optional<CalendarStore.Feed> found = store.feedByHash(Tokens.sha256Hex(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CalendarStore.Feed feed = found.get();
        Instant now = Instant.now();
        store.touch(feed.id(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return Optional.of(CalendarIcs.write("Tandem co-teaching plans", settings.baseUri().getHost(), events(feed.personId(), feed.districtId()), now));
    }

    /** Feed id for logs (never the secret). */
    public Optional<String> feedId(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return store.feedByHash(Tokens.sha256Hex(secret)).map(CalendarStore.Feed::id);
    }

    List<Event> events(String personId, String districtId) {
        List<String> sectionIds = sections.taughtBy(personId).stream().filter(s -> districtId.equals(s.districtId())).map(Sections.Section::id).toList();
        List<String> groupIds = store.groupsOf(sectionIds, districtId);
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS_BACK);
        Map<String, PlanViews.Group> described = new HashMap<>();
        List<Event> out = new ArrayList<>();
        for (CalendarStore.PlanRow p : store.plans(groupIds, from, MAX_EVENTS)) {
            PlanViews.Group g = described.computeIfAbsent(p.groupId(), id -> groups.group(id).map(access::describe).orElse(null));
            JsonObject doc = parse(p.body());
            State state = "PUBLISHED".equals(p.status()) ? State.PUBLISHED : State.DRAFT;
            out.add(new Event(p.id(), Math.max(0, p.version() - 1), state, summary(p.title(), p.model()), description(doc, p.model(), g, state),
                    p.startsOn(), p.endsOn(), nz(p.startTime()), nz(p.endTime()), doc.getInt("periodMinutes", 50), instant(p.createdAt()),
                    instant(p.updatedAt())));
        }
        for (CalendarStore.Cancelled c : store.cancelled(groupIds, from, MAX_EVENTS)) {
            String by = c.cancelledByName() == null || c.cancelledByName().isBlank() ? "a teacher" : c.cancelledByName();
            out.add(new Event(c.planId(), c.sequence(), State.CANCELLED, summary(c.title(), c.model()),
                    "Cancelled by " + by + ".", c.startsOn(), c.endsOn(), nz(c.startTime()), nz(c.endTime()), 50, instant(c.createdAt()),
                    instant(c.cancelledAt())));
        }
        return out;
    }

    static String summary(String title, String model) {
        return PlanModel.parse(model).map(m -> title + " (" + m.label() + ")").orElse(title);
    }

    /** Unit, model, roles and status: no free-text notes (see the class comment). */
    static String description(JsonObject doc, String model, PlanViews.Group g, State state) {
        StringBuilder b = new StringBuilder();
        String unit = doc.getString("unit", "");
        if (!unit.isBlank()) {
            b.append("Unit: ").append(unit).append('\n');
        }
        PlanModel.parse(model).ifPresent(m -> b.append("Model: ").append(m.label()).append(" \u2014 ").append(m.description()).append('\n'));
        JsonValue roles = doc.get("roles");
        if (roles != null && roles.getValueType() == JsonValue.ValueType.ARRAY && !roles.asJsonArray().isEmpty()) {
            b.append("Roles:\n");
            for (JsonValue r : roles.asJsonArray()) {
                JsonObject role = r.asJsonObject();
                String who = g == null ? "" : g.teacherName(role.getString("teacher", ""));
                String what = role.getString("role", "");
                b.append("- ").append(who.isEmpty() ? "Unassigned" : who);
                if (!what.isBlank()) {
                    b.append(": ").append(what);
                }
                b.append('\n');
            }
        }
        if (g != null && !g.sections().isEmpty()) {
            b.append("Sections: ").append(String.join(", ", g.sections().stream().map(Sections.Section::displayTitle).toList())).append('\n');
        }
        b.append(state == State.PUBLISHED ? "Published: students see the agenda." : "Draft.").append('\n');
        b.append("Open Tandem from your course for the whole plan.");
        return b.toString();
    }

    private static JsonObject parse(String body) {
        try (JsonReader r = Json.createReader(new StringReader(body == null ? "{}" : body))) {
            return r.readObject();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
