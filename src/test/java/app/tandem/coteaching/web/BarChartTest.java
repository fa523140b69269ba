package app.tandem.coteaching.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    @Test
    void theAxisEndsAtANiceNumberAtLeastTheLargestValue() {
        assertThat(BarChart.niceMax(0)).isEqualTo(1);
        assertThat(BarChart.niceMax(1)).isEqualTo(1);
        assertThat(BarChart.niceMax(2)).isEqualTo(2);
        assertThat(BarChart.niceMax(3)).isEqualTo(5);
        assertThat(BarChart.niceMax(7)).isEqualTo(10);
        assertThat(BarChart.niceMax(11)).isEqualTo(20);
        assertThat(BarChart.niceMax(50)).isEqualTo(50);
        assertThat(BarChart.niceMax(51)).isEqualTo(100);
        assertThat(BarChart.niceMax(1_234_567)).isEqualTo(2_000_000);
    }

    @Test
    void ticksAreEvenWholeNumbersFromZero() {
        assertThat(BarChart.tickValues(1)).containsExactly(0, 1);
        assertThat(BarChart.tickValues(2)).containsExactly(0, 1, 2);
        assertThat(BarChart.tickValues(5)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(BarChart.tickValues(20)).containsExactly(0, 4, 8, 12, 16, 20);
        assertThat(BarChart.tickValues(1000)).containsExactly(0, 200, 400, 600, 800, 1000);
    }

    @Test
    void verticalBarsAreProportionalAndStandOnTheBaseline() {
        BarChart c = BarChart.vertical("w", "Plans per week", "d", List.of(new BarChart.Value("a", 0), new BarChart.Value("b", 3),
                new BarChart.Value("c", 5)), 600, 200);
        assertThat(c.axisMax()).isEqualTo(5);
        assertThat(c.bars()).hasSize(3);
        assertThat(c.bars().get(0).h()).isZero();
        assertThat(c.bars().get(2).h()).isEqualTo(c.baseline() - c.top());
        assertThat(c.bars().get(1).h() / c.bars().get(2).h()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        for (BarChart.Bar b : c.bars()) {
            assertThat(b.y() + b.h()).isEqualTo(c.baseline(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(b.x()).isGreaterThanOrEqualTo(c.left());
            assertThat(b.x() + b.w()).isLessThanOrEqualTo(c.right());
        }
        assertThat(c.ticks().get(0).at()).isEqualTo(c.baseline());
        assertThat(c.ticks().get(c.ticks().size() - 1).at()).isEqualTo(c.top());
    }

    @Test
    void horizontalBarsFitTheWidthAndAnEmptyChartHasAnAxis() {
        BarChart c = BarChart.horizontal("m", "Models", "d", List.of(new BarChart.Value("Station teaching", 8),
                new BarChart.Value("Team teaching", 2)), 600);
        assertThat(c.axisMax()).isEqualTo(10);
        assertThat(c.bars().get(0).w()).isEqualTo((c.right() - c.left()) * 0.8, org.assertj.core.data.Offset.offset(1e-9));
        BarChart empty = BarChart.vertical("e", "t", "d", List.of(), 600, 200);
        assertThat(empty.axisMax()).isEqualTo(1);
        assertThat(empty.ticks()).hasSize(2);
        assertThat(BarChart.n(1.25)).isEqualTo("1.3");
    }
}
