package io.oms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the house rules of DESIGN.md: a framework-free domain, and layers that only call downwards. */
@AnalyzeClasses(packages = "io.oms", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "org.hibernate..",
                    "io.smallrye..", "io.vertx..", "org.eclipse.microprofile..", "graphql..", "javax.persistence..");

    @ArchTest
    static final ArchRule domainDependsOnNoOuterLayer = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.oms..app..", "io.oms..persistence..", "io.oms.api..",
                    "io.oms.audit..", "io.oms.jobs..");

    @ArchTest
    static final ArchRule graphQLCallsServicesNotPersistence = noClasses().that().resideInAPackage("io.oms.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.oms..persistence..");

    @ArchTest
    static final ArchRule persistenceDoesNotReachUp = noClasses().that().resideInAPackage("..persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("io.oms..app..", "io.oms.api..");

    @ArchTest
    static final ArchRule servicesDoNotKnowTheApi = noClasses().that().resideInAPackage("..app..")
            .should().dependOnClassesThat().resideInAnyPackage("io.oms.api..");

    @ArchTest
    static final ArchRule kernelIsFreeOfPersistence = noClasses().that().resideInAPackage("io.oms.kernel")
            .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "io.vertx..", "graphql..");
}
