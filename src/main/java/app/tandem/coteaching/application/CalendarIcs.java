package app.tandem.coteaching.application;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes a teacher's calendar feed (RFC 5545) with ical4j. One VEVENT per plan, identified by a UID built from
 * the plan id and Tandem's host, so that calendar apps update the event in place; SEQUENCE grows with every
 * saved version and a cancellation comes with a higher one and STATUS:CANCELLED.
 * <p>
 * Times are <em>floating</em> local times (no TZID, no VTIMEZONE): a plan's times are the school's wall-clock
 * times and Tandem does not know the school's time zone, so a floating time shows at the same clock time in
 * every calendar (a teacher's calendar is in the school's zone). A plan without times, or spanning several days,
 * is an all-day event (DTEND is the day after the last day, exclusive).
 */
public final class CalendarIcs {
    static final String PROD_ID = "-//Tandem//Co-teaching plans 1.0//EN";

    private CalendarIcs() {
    }

    public enum State {
        DRAFT, PUBLISHED, CANCELLED
    }

    /**
     * One plan (or cancelled lesson) as an event.
     *
     * @param endDate        the last day of a range, or null
     * @param startTime      HH:MM or empty
     * @param endTime        HH:MM or empty (the period length counts from the start time when empty)
     * @param description    plain text (no student names: see {@link CalendarFeeds})
     */
    public record Event(String planId, long sequence, State state, String summary, String description, LocalDate date,
                        LocalDate endDate, String startTime, String endTime, int periodMinutes, Instant created,
                        Instant lastModified) {
    }

    /** When an event starts and ends: dates for all-day events, floating date-times otherwise. */
    record Span(Temporal start, Temporal end) {
        boolean allDay() {
            return start instanceof LocalDate;
        }
    }

    static Span span(Event e) {
        boolean range = e.endDate() != null && e.endDate().isAfter(e.date());
        if (range) {
            return new Span(e.date(), e.endDate().plusDays(1));
        }
        LocalTime start = time(e.startTime());
        if (start == null) {
            return new Span(e.date(), e.date().plusDays(1));
        }
        LocalDateTime from = e.date().atTime(start);
        LocalTime end = time(e.endTime());
        LocalDateTime to = end != null && end.isAfter(start) ? e.date().atTime(end) : from.plusMinutes(Math.max(1, e.periodMinutes()));
        return new Span(from, to);
    }

    private static LocalTime time(String hhmm) {
        if (hhmm == null || hhmm.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(hhmm.strip());
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    /**
     * The calendar as text (CRLF lines, folded at 75 octets).
     *
     * @param host Tandem's host name, for UIDs ({@code planId@host})
     */
    public static String write(String calendarName, String host, List<Event> events, Instant now) {
        Calendar cal = new Calendar();
        cal.add(new ProdId(PROD_ID));
        cal.add(ImmutableVersion.VERSION_2_0);
        cal.add(ImmutableCalScale.GREGORIAN);
        cal.add(ImmutableMethod.PUBLISH);
        cal.add(new XProperty("X-WR-CALNAME", calendarName));
        // how often subscribers should refresh (RFC 7986 REFRESH-INTERVAL; Outlook reads X-PUBLISHED-TTL)
        cal.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
        Instant stamp = now.truncatedTo(ChronoUnit.SECONDS);
        for (Event e : events) {
            cal.add(event(e, host, stamp));
        }
        StringWriter out = new StringWriter();
        try {
            // ical4j folds by characters; lines are folded here by octets, as RFC 5545 asks
            new CalendarOutputter(false, 1_000_000).output(cal, out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return fold(out.toString());
    }

    /** Folds content lines longer than 75 octets (UTF-8), never inside a character (RFC 5545 section 3.1). */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 40);
        for (String line : text.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            int limit = 75;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + size > limit) {
                    out.append("\r\n ");
                    octets = 1;
                    limit = 75;
                }
                out.appendCodePoint(cp);
                octets += size;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static VEvent event(Event e, String host, Instant stamp) {
        VEvent v = new VEvent(false);
        v.add(new Uid(e.planId() + "@" + host));
        v.add(new DtStamp(stamp));
        Span span = span(e);
        v.add(new DtStart<>(span.start()));
        v.add(new DtEnd<>(span.end()));
        v.add(new Summary(e.summary()));
        if (e.description() != null && !e.description().isBlank()) {
            v.add(new Description(e.description()));
        }
        v.add(new Sequence((int) Math.min(Integer.MAX_VALUE, Math.max(0, e.sequence()))));
        if (e.created() != null) {
            v.add(new Created(e.created().truncatedTo(ChronoUnit.SECONDS)));
        }
        if (e.lastModified() != null) {
            v.add(new LastModified(e.lastModified().truncatedTo(ChronoUnit.SECONDS)));
        }
        v.add(switch (e.state()) {
            case DRAFT -> ImmutableStatus.VEVENT_TENTATIVE;
            case PUBLISHED -> ImmutableStatus.VEVENT_CONFIRMED;
            case CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
        });
        if (span.allDay()) {
            // all-day lessons do not block the teacher's time in free/busy views
            v.add(ImmutableTransp.TRANSPARENT);
        }
        return v;
    }
}
