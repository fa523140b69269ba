package app.tandem.alignment.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.application.StatementChoice.Source;
import org.junit.jupiter.api.Test;

/** Which "I can…" statement students read: the section's, else the district's, else the official statement. */
class StatementChoiceTest {

    @Test
    void theSectionsStatementWinsOverTheDistrictsAndTheOfficialOne() {
        StatementChoice c = StatementChoice.choose(" I can find the unit rate. ", "I can use ratios.", "Compute unit rates…", "7.RP.A.1");
        assertThat(c.text()).isEqualTo("I can find the unit rate.");
        assertThat(c.source()).isEqualTo(Source.SECTION);
        assertThat(c.written()).isTrue();
    }

    @Test
    void withoutASectionStatementTheDistrictsIsRead() {
        StatementChoice c = StatementChoice.choose(null, "I can use ratios.", "Compute unit rates…", "7.RP.A.1");
        assertThat(c).isEqualTo(new StatementChoice("I can use ratios.", Source.DISTRICT));
    }

    @Test
    void blankStatementsCountAsAbsentAndTheOfficialStatementIsTheLastWord() {
        StatementChoice c = StatementChoice.choose("   ", "", "Compute unit rates associated with ratios of fractions.", "7.RP.A.1");
        assertThat(c).isEqualTo(new StatementChoice("Compute unit rates associated with ratios of fractions.", Source.OFFICIAL));
        assertThat(c.written()).isFalse();
    }

    @Test
    void aStandardGoneFromTheLibraryShowsItsCodeOrAPlainPhrase() {
        assertThat(StatementChoice.choose(null, null, null, "7.RP.A.1").text()).isEqualTo("7.RP.A.1");
        assertThat(StatementChoice.choose(null, null, null, null).text()).isNotBlank();
        assertThat(StatementChoice.choose(null, "I can use ratios.", null, "7.RP.A.1").source()).isEqualTo(Source.DISTRICT);
    }
}
