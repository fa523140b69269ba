package app.tandem;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DESIGN.md's architecture rules, checked on the application's classes (tests excluded). */
class ArchitectureTest {
    private static final String ROOT = "app.tandem";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src", "main", "java");

    @Test
    void importsTheApplication() {
        // Guards against rules passing on nothing: the slices exist and test classes are left out.
        Set<String> slices = CLASSES.stream()
                .map(c -> ArchitectureRules.slice(ROOT + ".", c.getPackageName()))
                .collect(Collectors.toSet());
        assertThat(slices).contains("lti", "common", "web", "district", "demo");
        assertThat(CLASSES.stream().map(JavaClass::getName)).doesNotContain(ArchitectureTest.class.getName());
    }

    @Test
    void ltiDependsOnNoFeature() {
        ArchitectureRules.ltiDependsOnNoFeature(ROOT).check(CLASSES);
    }

    @Test
    void onlyLtiApiIsUsedOutsideLti() {
        ArchitectureRules.onlyLtiApiIsUsedOutsideLti(ROOT).check(CLASSES);
    }

    @Test
    void nothingDependsOnDemo() {
        ArchitectureRules.nothingDependsOnDemo(ROOT).check(CLASSES);
    }

    @Test
    void commonDependsOnNothingOfTheApplication() {
        ArchitectureRules.commonDependsOnNothingOfTheApplication(ROOT).check(CLASSES);
    }

    @Test
    void noCyclesBetweenSlices() {
        ArchitectureRules.noCyclesBetweenSlices(ROOT).check(CLASSES);
    }

    @Test
    void noFeatureUsesAnotherFeaturesDomain() {
        ArchitectureRules.noFeatureUsesAnotherFeaturesDomain(ROOT).check(CLASSES);
    }

    @Test
    void everyPackageHasPackageInfo() {
        Path root = SOURCES.resolve(ROOT.replace('.', '/'));
        assertThat(root).isDirectory();
        assertThat(ArchitectureRules.packagesWithoutPackageInfo(root)).isEmpty();
    }

    @Test
    void everyPackageWithClassesIsASourceFolderWithPackageInfo() {
        // The same rule seen from the compiled classes: a class compiled into a package whose folder lacks package-info.
        Set<String> packages = CLASSES.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).hasSizeGreaterThan(5);
        assertThat(packages)
                .filteredOn(p -> !Files.isRegularFile(SOURCES.resolve(p.replace('.', '/')).resolve("package-info.java")))
                .isEmpty();
    }
}
