package io.rulescope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

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
     * Features form a ladder with no cycles, for every class: error, query, then attack, rule, dialect, indicator,
     * search, history, match, catalog, ingest, and on top the web layer (controllers, view models and page assembly)
     * and its setup.
     */
    @ArchTest
    static final ArchRule featuresHaveNoCycles = SlicesRuleDefinition.slices().matching("io.rulescope.(*)..").should()
            .beFreeOfCycles();

    /** Page families may share view helpers, but not in circles: the rule page uses history's views, not the reverse. */
    @ArchTest
    static final ArchRule pageFamiliesHaveNoCycles = SlicesRuleDefinition.slices().matching("io.rulescope.web.(*)..")
            .should().beFreeOfCycles();

    /** A language's internals are its own: no dialect uses another's. */
    @ArchTest
    static final ArchRule dialectsDoNotKnowEachOther = SlicesRuleDefinition.slices().matching("io.rulescope.dialect.(*)..")
            .should().notDependOnEachOther();

    /** The rest of the program loops over the dialects: outside dialect/X, only the registry names what is in it. */
    @ArchTest
    static final ArchRule onlyTheRegistryNamesADialect = noClasses().that().resideOutsideOfPackage("io.rulescope.dialect.*..")
            .and().doNotHaveFullyQualifiedName("io.rulescope.dialect.Dialects")
            .should().dependOnClassesThat().resideInAPackage("io.rulescope.dialect.*..");

    /**
     * Ingest's parts form a ladder too: setup (settings, threads), source, read, snapshot, build, then sync, history
     * and publish; the service on top schedules and runs them, and no part knows it.
     */
    @ArchTest
    static final ArchRule ingestPartsHaveNoCycles = SlicesRuleDefinition.slices().matching("io.rulescope.ingest.(*)..").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule noIngestPartKnowsTheService = noClasses().that().resideInAPackage("io.rulescope.ingest.*..")
            .should().dependOnClassesThat().resideInAPackage("io.rulescope.ingest");

    /** Nothing below the web layer knows it exists. */
    @ArchTest
    static final ArchRule onlyTheWebLayerKnowsTheWebLayer = noClasses().that().resideOutsideOfPackages("io.rulescope.web..",
            "io.rulescope.system..", "io.rulescope").should().dependOnClassesThat().resideInAnyPackage("io.rulescope.web..",
                    "io.rulescope.system..");

    @ArchTest
    static final ArchRule repositoriesAreNarrow = noClasses().should()
            .beAssignableTo(org.springframework.data.jpa.repository.JpaRepository.class);
}
