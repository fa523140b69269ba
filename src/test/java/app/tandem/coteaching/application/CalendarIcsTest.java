package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.coteaching.application.CalendarIcs.Event;
import app.tandem.coteaching.application.CalendarIcs.State;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

class CalendarIcsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");

    private static Event event(String id, long seq, State state, String start, String end, LocalDate endDate) {
        return new Event(id, seq, state, "Unit rates, ratios; stations (Station teaching)", "Unit: Ratios\nModel: Station teaching", DAY, endDate,
                start, end, 50, Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-23T09:30:00.5Z"));
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String prop(VEvent e, String name) {
        return e.getProperty(name).map(p -> p.getValue()).orElse(null);
    }

    @Test
    void timedPlansAreFloatingLocalTimesAndUntimedOnesAreAllDay() throws Exception {
        String ics = CalendarIcs.write("Tandem", "tandem.example.org", List.of(
                event("p1", 2, State.PUBLISHED, "08:30", "09:20", null),
                event("p2", 0, State.DRAFT, "13:00", "", null),
                event("p3", 0, State.DRAFT, "", "", null),
                event("p4", 5, State.CANCELLED, "08:30", "09:20", DAY.plusDays(2))), NOW);

        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("VERSION:2.0\r\n").contains("PRODID:" + CalendarIcs.PROD_ID)
                .doesNotContain("VTIMEZONE").doesNotContain("TZID").doesNotContain("\n\n");
        assertThat(ics).contains("DTSTART:20261201T083000\r\n").contains("DTEND:20261201T092000\r\n");
        // no end time: the period length from the start
        assertThat(ics).contains("DTSTART:20261201T130000\r\n").contains("DTEND:20261201T135000\r\n");
        // no time: all day; a range: all day to the day after the last day
        assertThat(ics).contains("DTSTART;VALUE=DATE:20261201\r\n").contains("DTEND;VALUE=DATE:20261202\r\n")
                .contains("DTEND;VALUE=DATE:20261204\r\n");
        assertThat(ics).contains("DTSTAMP:20261124T101530Z").contains("LAST-MODIFIED:20261123T093000Z");
        // text values are escaped
        assertThat(ics).contains("SUMMARY:Unit rates\\, ratios\\; stations (Station teaching)").contains("DESCRIPTION:Unit: Ratios\\nModel");

        Calendar cal = parse(ics);
        List<VEvent> events = cal.getComponents("VEVENT");
        assertThat(events).extracting(e -> prop(e, "UID")).containsExactly("p1@tandem.example.org", "p2@tandem.example.org",
                "p3@tandem.example.org", "p4@tandem.example.org");
        assertThat(events).extracting(e -> prop(e, "SEQUENCE")).containsExactly("2", "0", "0", "5");
        assertThat(events).extracting(e -> prop(e, "STATUS")).containsExactly("CONFIRMED", "TENTATIVE", "TENTATIVE", "CANCELLED");
        assertThat(events).extracting(e -> prop(e, "TRANSP")).containsExactly(null, null, "TRANSPARENT", "TRANSPARENT");
        assertThat(prop(events.get(0), "SUMMARY")).isEqualTo("Unit rates, ratios; stations (Station teaching)");
        assertThat(prop(events.get(0), "DESCRIPTION")).isEqualTo("Unit: Ratios\nModel: Station teaching");
    }

    @Test
    void longTextIsFoldedAndNonAsciiSurvives() throws Exception {
        String title = "Fractions — “équivalentes” ✓ ".repeat(8).strip();
        Event e = new Event("p9", 1, State.PUBLISHED, title, null, DAY, null, "", "", 50, null, null);
        String ics = CalendarIcs.write("Tandem", "h", List.of(e), NOW);
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        VEvent parsed = parse(ics).<VEvent>getComponents("VEVENT").get(0);
        assertThat(prop(parsed, "SUMMARY")).isEqualTo(title);
        assertThat(parsed.getProperty("DESCRIPTION")).isEmpty();
    }

    @Test
    void anEndTimeNotAfterTheStartFallsBackToThePeriod() {
        CalendarIcs.Span s = CalendarIcs.span(new Event("p", 0, State.DRAFT, "x", "", DAY, DAY, "10:00", "09:00", 45, null, null));
        assertThat(s.start().toString()).isEqualTo("2026-12-01T10:00");
        assertThat(s.end().toString()).isEqualTo("2026-12-01T10:45");
    }
}
