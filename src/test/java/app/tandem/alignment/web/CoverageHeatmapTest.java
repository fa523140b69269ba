package app.tandem.alignment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The heatmap's palette, levels, labels and layout; the CSV writer's escaping and formula guard. */
class CoverageHeatmapTest {

    @Test
    void everyCellTextMeetsAaContrastOnItsFill() {
        for (CoverageHeatmap.Level l : CoverageHeatmap.LEVELS) {
            assertThat(CoverageHeatmap.contrast(l.fill(), l.ink())).as(l.label()).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(CoverageHeatmap.contrast(CoverageHeatmap.NOT_APPLICABLE_FILL, CoverageHeatmap.NOT_APPLICABLE_INK)).isGreaterThanOrEqualTo(4.5);
        // the palette is sequential: each level darker than the one before
        for (int i = 1; i < CoverageHeatmap.LEVELS.size(); i++) {
            assertThat(CoverageHeatmap.contrast(CoverageHeatmap.LEVELS.get(i).fill(), "#ffffff"))
                    .isGreaterThan(CoverageHeatmap.contrast(CoverageHeatmap.LEVELS.get(i - 1).fill(), "#ffffff"));
        }
        assertThat(CoverageHeatmap.contrast("#000000", "#ffffff")).isEqualTo(21.0);
    }

    @Test
    void levelsAreNoneQuartersAndAll() {
        assertThat(CoverageHeatmap.level(0, 5).label()).isEqualTo("none");
        assertThat(CoverageHeatmap.level(0, 5).hatched()).isTrue();
        assertThat(CoverageHeatmap.level(1, 5).label()).isEqualTo("1–24 %");
        assertThat(CoverageHeatmap.level(1, 4).label()).isEqualTo("25–49 %");
        assertThat(CoverageHeatmap.level(3, 5).label()).isEqualTo("50–74 %");
        assertThat(CoverageHeatmap.level(99, 100).label()).isEqualTo("75–99 %");
        assertThat(CoverageHeatmap.level(5, 5).label()).isEqualTo("all");
    }

    @Test
    void columnLabelsDropTheSharedCodePrefix() {
        List<CoverageHeatmap.Column> c = CoverageHeatmap.columns(List.of("CCSS.Math.Content.7.RP.A Analyze proportional relationships",
                "CCSS.Math.Content.7.EE.B Solve real-life problems", "Ratios and Proportional Relationships"));
        assertThat(c).extracting(CoverageHeatmap.Column::label).containsExactly("7.RP.A", "7.EE.B", "Ratios and Proportional Relationships");
        assertThat(c.get(0).full()).startsWith("CCSS.Math.Content.7.RP.A Analyze");
    }

    @Test
    void cellsCarryTheirValueAsTextAndNotApplicableCellsADash() {
        CoverageHeatmap.Svg svg = CoverageHeatmap.build("h", "t", "d", List.of("Unit 1", "Whole course"),
                List.of(new CoverageHeatmap.Column("A", "Cluster A"), new CoverageHeatmap.Column("B", "Cluster B")),
                new int[][] {{0, 2}, {1, 3}}, new int[][] {{4, -1}, {4, 3}}, false);
        assertThat(svg.cells()).extracting(CoverageHeatmap.Cell::text).containsExactly("0/4", "–", "1/4", "3/3");
        assertThat(svg.cells().get(0).hatched()).isTrue();
        assertThat(svg.cells().get(1).applicable()).isFalse();
        assertThat(svg.cells().get(2).title()).isEqualTo("Whole course × Cluster A: 1 of 4 standards covered");
        assertThat(svg.cells().get(3).x()).isEqualTo(CoverageHeatmap.LABEL_WIDTH + CoverageHeatmap.CELL_WIDTH);
        assertThat(svg.legend()).hasSize(7);
        assertThat(svg.height()).isGreaterThan(svg.gridBottom());
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndDefusesFormulas() {
        assertThat(CoverageCsv.field("plain")).isEqualTo("plain");
        assertThat(CoverageCsv.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(CoverageCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CoverageCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CoverageCsv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        for (String risky : new String[] {"+1", "-2+3", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(CoverageCsv.field(risky)).as(risky).contains("'" + risky.charAt(0));
        }
        StringBuilder out = new StringBuilder();
        CoverageCsv.row(out, "a", 3, null, "b", null, null);
        assertThat(out).hasToString("a,3,,b\r\n");
    }

    @Test
    void downloadNamesAreAsciiWithTheUtf8NameBeside() {
        assertThat(CoverageCsv.disposition("coverage Algebra I — Période 2 \"x\"; y"))
                .isEqualTo("attachment; filename=\"coverage-Algebra-I-Periode-2-x-y.csv\"; "
                        + "filename*=UTF-8''coverage%20Algebra%20I%20%E2%80%94%20P%C3%A9riode%202%20%22x%22%3B%20y.csv");
    }
}
