package io.rulescope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.rulescope", importOptions = { ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.WithoutAotGeneratedCode.class })
class ArchitectureTest {

    /** Spring AOT's generated bean definitions (Foo__BeanDefinitions) wire everything to everything; they are not ours. */
    static final class WithoutAotGeneratedCode implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("__");
        }
    }

    /** The query model is pure: parsers and analysers must run anywhere, including benchmarks, without a database or index. */
    @ArchTest
    static final ArchRule queryModelKnowsNothingOfStorage = noClasses().that().resideInAPackage("io.rulescope.query..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..",
                    "org.apache.lucene..", "org.springframework..", "io.rulescope.rule..", "io.rulescope.ingest..",
                    "io.rulescope.search..");

    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes().that()
            .areAnnotatedWith(org.springframework.stereotype.Controller.class).or()
            .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .should().notBePublic();

    /**
     * Below the web layer the features form a ladder (query, attack, rule, indicator, search, ingest) with no cycles.
     * Controllers and the page assemblers they use may reach across features: a page shows a bit of everything.
     */
    @ArchTest
    static final ArchRule featuresHaveNoCyclesBelowTheWebLayer = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("io.rulescope.(*)..").should().beFreeOfCycles()
            .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.describe("web layer",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> isWebLayer(c)), com.tngtech.archunit.base.DescribedPredicate.alwaysTrue());

    private static boolean isWebLayer(com.tngtech.archunit.core.domain.JavaClass c) {
        com.tngtech.archunit.core.domain.JavaClass top = c.getEnclosingClass().orElse(c);
        return top.isAnnotatedWith(org.springframework.stereotype.Controller.class)
                || top.isAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                || top.getSimpleName().endsWith("View") || top.getSimpleName().endsWith("Views") || top.getPackageName().equals("io.rulescope.system");
    }

    @ArchTest
    static final ArchRule repositoriesAreNarrow = noClasses().should()
            .beAssignableTo(org.springframework.data.jpa.repository.JpaRepository.class);
}
