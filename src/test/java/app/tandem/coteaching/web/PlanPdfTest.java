package app.tandem.coteaching.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.coteaching.application.PlanDocs;
import app.tandem.coteaching.application.PlanModel;
import app.tandem.coteaching.application.PlanPrints;
import app.tandem.coteaching.application.PlanTemplates;
import app.tandem.coteaching.application.PlanViews;
import app.tandem.lti.api.Sections;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PlanPdfTest {

    static PlanPrints.Printable printable(String title, String notes) {
        JsonObject starter = PlanTemplates.starter(PlanModel.STATION, title, LocalDate.parse("2026-12-01"), 50, List.of("t1", "t2"));
        JsonObject doc = PlanDocs.canonical(Json.createObjectBuilder(starter).add("differentiation", notes).add("unit", "Ratios & rates")
                .add("startTime", "08:30").add("endTime", "09:20")
                .add("standards", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "std-1").add("code", "7.RP.A.2")
                        .add("statement", "Recognize and represent proportional relationships <between> quantities.")))
                .add("materials", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "m1").add("title", "Worksheet")
                        .add("url", "https://example.org/ws?a=1&b=2").add("itemId", "")))
                .build());
        PlanViews.Plan plan = new PlanViews.Plan("plan-1", "g1", "d1", "DRAFT", 3, OffsetDateTime.parse("2026-11-20T08:00:00Z"),
                OffsetDateTime.parse("2026-11-21T08:00:00Z"), "Maria Rivera", null, doc);
        PlanViews.Group group = new PlanViews.Group("g1", "d1", "Algebra", true,
                List.of(new Sections.Section("s1", "d1", "r1", "Canvas", "c1", "Algebra I, period 2", null)),
                List.of(new Sections.Person("t1", "Maria Rivera"), new Sections.Person("t2", "David Chen")));
        return new PlanPrints.Printable(new PlanViews.Opened(plan, group, true),
                List.of(new PlanPrints.Licence("CCSS Math", "Licence notice", "© Copyright 2010 NGA Center and CCSSO.")));
    }

    private static String css() throws Exception {
        return Files.readString(Path.of("src/main/webapp/static/plan-print.css"), StandardCharsets.UTF_8);
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d);
        }
    }

    @Test
    void thePdfHoldsEverySectionOfThePlanEscaped() throws Exception {
        String xhtml = PlanPdf.xhtml(printable("Unit rates at <stations> & more", "Sentence frames; \"quotes\" and 'apostrophes'"), css());
        assertThat(xhtml).contains("Unit rates at &lt;stations&gt; &amp; more").doesNotContain("<stations>");
        byte[] pdf = PlanPdf.render(xhtml);
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String text = text(pdf);
        assertThat(text).contains("Unit rates at <stations> & more").contains("Station teaching").contains("Roles and tasks")
                .contains("Maria Rivera").contains("David Chen").contains("Activities").contains("Total").contains("minutes planned")
                .contains("Worksheet").contains("7.RP.A.2").contains("proportional relationships").contains("NGA Center")
                .contains("Sentence frames").contains("Ratios & rates").contains("Student agenda").contains("Page 1 of");
    }

    @Test
    void charactersTheStandardFontsLackDoNotBreakThePdf() throws Exception {
        byte[] pdf = PlanPdf.render(PlanPdf.xhtml(printable("Fractions — “équivalentes” ✓ 分数 😀", "Ünïcødé → ok"), css()));
        assertThat(text(pdf)).contains("Fractions").contains("équivalentes");
    }

    @Test
    void externalResourcesAreNeverFetched() throws Exception {
        String xhtml = "<html><head><link rel=\"stylesheet\" href=\"http://127.0.0.1:1/x.css\"/></head><body><p>Hello</p>"
                + "<img src=\"http://127.0.0.1:1/x.png\"/></body></html>";
        long start = System.nanoTime();
        assertThat(text(PlanPdf.render(xhtml))).contains("Hello");
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    }

    @Test
    void fileNamesAreSafe() {
        assertThat(PlanPdf.fileName("Unit rates: \"stations\" / día 1", "2026-12-01")).isEqualTo("Unit-rates-stations-dia-1-2026-12-01.pdf");
        assertThat(PlanPdf.fileName("分数", "2026-12-01")).isEqualTo("plan-2026-12-01.pdf");
        assertThat(PlanPdf.fileName("x".repeat(300), "")).hasSize(64);
    }
}
