package app.tandem;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of {@link ArchitectureRules} fails on the fixture classes of {@code app.tandem.archfixture} that break it. */
class ArchitectureRulesTest {
    private static final String ROOT = "app.tandem.archfixture";
    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(ROOT);

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURE);
        assertThat(result.hasViolation()).as("%s has violations", rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }

    @Test
    void ltiDependingOnAFeature() {
        assertThat(violations(ArchitectureRules.ltiDependsOnNoFeature(ROOT)))
                .hasSize(2) // field type and method return type
                .allMatch(d -> d.contains("LtiService") && d.contains("WebPage"));
    }

    @Test
    void usingLtiInternalsOutsideLti() {
        List<String> violations = violations(ArchitectureRules.onlyLtiApiIsUsedOutsideLti(ROOT));
        assertThat(violations).anyMatch(d -> d.contains("WebPage") && d.contains("LtiService"));
        assertThat(violations).anyMatch(d -> d.contains("DistrictService") && d.contains("LtiEntity"));
        assertThat(violations).noneMatch(d -> d.contains("LtiApi"));
    }

    @Test
    void dependingOnDemo() {
        assertThat(violations(ArchitectureRules.nothingDependsOnDemo(ROOT)))
                .singleElement().asString().contains("WebPage", "DemoThing");
    }

    @Test
    void commonDependingOnTheApplication() {
        assertThat(violations(ArchitectureRules.commonDependsOnNothingOfTheApplication(ROOT)))
                .singleElement().asString().contains("CommonUtil", "LtiApi");
    }

    @Test
    void cycleBetweenSlices() {
        assertThat(violations(ArchitectureRules.noCyclesBetweenSlices(ROOT)))
                .anyMatch(d -> d.contains("lti") && d.contains("web"));
    }

    @Test
    void usingAnotherFeaturesDomain() {
        List<String> violations = violations(ArchitectureRules.noFeatureUsesAnotherFeaturesDomain(ROOT));
        assertThat(violations).anyMatch(d -> d.contains("PlanService") && d.contains("AlignmentEntity"));
        assertThat(violations).anyMatch(d -> d.contains("DistrictService") && d.contains("LtiEntity"));
        assertThat(violations).hasSize(2);
    }

    @Test
    void sliceOfAPackage() {
        assertThat(ArchitectureRules.slice("app.tandem.", "app.tandem.lti.domain")).isEqualTo("lti");
        assertThat(ArchitectureRules.slice("app.tandem.", "app.tandem.common")).isEqualTo("common");
        assertThat(ArchitectureRules.slice("app.tandem.", "com.example")).isNull();
    }

    @Test
    void packageWithoutPackageInfo(@TempDir Path src) throws IOException {
        Path documented = Files.createDirectories(src.resolve("app/tandem/documented"));
        Files.writeString(documented.resolve("A.java"), "package app.tandem.documented; class A {}");
        Files.writeString(documented.resolve("package-info.java"), "package app.tandem.documented;");
        Path undocumented = Files.createDirectories(src.resolve("app/tandem/undocumented"));
        Files.writeString(undocumented.resolve("B.java"), "package app.tandem.undocumented; class B {}");
        Path onlyInfo = Files.createDirectories(src.resolve("app/tandem/empty"));
        Files.writeString(onlyInfo.resolve("package-info.java"), "package app.tandem.empty;");

        assertThat(ArchitectureRules.packagesWithoutPackageInfo(src.resolve("app/tandem"))).containsExactly(undocumented);
    }
}
