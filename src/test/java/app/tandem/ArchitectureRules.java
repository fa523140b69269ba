package app.tandem;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * DESIGN.md's architecture rules, for a root package: {@code app.tandem} in {@link ArchitectureTest}, a fixture tree in
 * {@link ArchitectureRulesTest} that proves each rule can fail.
 */
final class ArchitectureRules {
    /** Vertical slices; lti is the LTI core, the others are the features (web and demo included). */
    static final List<String> FEATURES = List.of("web", "district", "standards", "alignment", "coteaching", "demo");

    private ArchitectureRules() {
    }

    /** (a) lti imports no feature. */
    static ArchRule ltiDependsOnNoFeature(String root) {
        return noClasses().that().resideInAPackage(root + ".lti..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        FEATURES.stream().map(f -> root + "." + f + "..").toArray(String[]::new))
                .because("lti imports no feature; it asks features through the interfaces in lti.api");
    }

    /** (b) outside lti, only lti.api is used. */
    static ArchRule onlyLtiApiIsUsedOutsideLti(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".lti..")
                .should().dependOnClassesThat(resideInAPackage(root + ".lti..").and(not(resideInAPackage(root + ".lti.api.."))))
                .because("lti's public face is lti.api; lti.domain, lti.application and lti.web are internal");
    }

    /** (c) nothing outside demo depends on demo. */
    static ArchRule nothingDependsOnDemo(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".demo..")
                .should().dependOnClassesThat().resideInAPackage(root + ".demo..")
                .because("the demo LMS can be left out: nothing else imports it");
    }

    /** (d) common depends on no other package of the application. */
    static ArchRule commonDependsOnNothingOfTheApplication(String root) {
        return noClasses().that().resideInAPackage(root + ".common..")
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAPackage(root + ".common.."))))
                .because("common is the bottom layer");
    }

    /** (e) no cycles between the top-level slices. */
    static ArchRule noCyclesBetweenSlices(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** (f) a feature never touches another feature's domain package (entities, repositories). */
    static ArchRule noFeatureUsesAnotherFeaturesDomain(String root) {
        return classes().that().resideInAPackage(root + "..").should(notUseAnotherSlicesDomain(root))
                .because("features talk through application services, never another feature's repositories");
    }

    private static ArchCondition<JavaClass> notUseAnotherSlicesDomain(String root) {
        String prefix = root + ".";
        return new ArchCondition<>("not depend on another slice's domain package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String originSlice = slice(prefix, origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String targetSlice = slice(prefix, target);
                    if (targetSlice != null && !targetSlice.equals(originSlice)
                            && (target.equals(prefix + targetSlice + ".domain") || target.startsWith(prefix + targetSlice + ".domain."))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The top-level package under the root ({@code lti} for {@code app.tandem.lti.domain}), or null outside the root. */
    static String slice(String prefix, String packageName) {
        if (!packageName.startsWith(prefix)) {
            return null;
        }
        String rest = packageName.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** (g) the source folders under {@code rootDir} that hold Java classes but no package-info.java. */
    static List<Path> packagesWithoutPackageInfo(Path rootDir) {
        try (Stream<Path> dirs = Files.walk(rootDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(ArchitectureRules::holdsClasses)
                    .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean holdsClasses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".java")
                    && !f.getFileName().toString().equals("package-info.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
