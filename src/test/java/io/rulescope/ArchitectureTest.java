package io.rulescope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.rulescope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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

    @ArchTest
    static final ArchRule repositoriesAreNarrow = noClasses().should()
            .beAssignableTo(org.springframework.data.jpa.repository.JpaRepository.class);
}
