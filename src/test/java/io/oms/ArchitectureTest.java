package io.oms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the house rules of DESIGN.md and the README's architecture: capabilities are boundaries (no cycles, each
 * reaches another only through its front door in {@code app}), the domain is pure and uses only the kernel and
 * other domains, and layers only call downwards.
 */
@AnalyzeClasses(packages = "io.oms", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final Pattern CAPABILITY_LAYER =
            Pattern.compile("io\\.oms\\.([a-z]+)\\.(app|persistence|domain)(\\..*)?");

    @ArchTest
    static final ArchRule capabilitiesAreFreeOfCycles =
            slices().matching("io.oms.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule appUsesOnlyItsOwnPersistence = classes()
            .that()
            .resideInAPackage("io.oms.*.app..")
            .should(new ArchCondition<>("use only the persistence package of their own capability") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    String own = capability(item.getPackageName());
                    for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                        String target = dependency.getTargetClass().getPackageName();
                        Matcher m = CAPABILITY_LAYER.matcher(target);
                        if (m.matches()
                                && m.group(2).equals("persistence")
                                && !m.group(1).equals(own)) {
                            events.add(SimpleConditionEvent.violated(item, dependency.getDescription()));
                        }
                    }
                }
            });

    @ArchTest
    static final ArchRule domainUsesOnlyTheKernelAndOtherDomains = classes()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.oms.kernel..", "io.oms.*.domain..");

    @ArchTest
    static final ArchRule kernelIsPure = classes()
            .that()
            .resideInAPackage("io.oms.kernel..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.oms.kernel..");

    @ArchTest
    static final ArchRule onlyPersistenceAndInfrastructureTalkSql = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "..persistence..",
                    "io.oms.infra..",
                    "io.oms.audit..",
                    "io.oms.notification..",
                    "io.oms.metrics..",
                    "io.oms.idempotency..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..");

    @ArchTest
    static final ArchRule graphQLCallsServicesNotPersistence = noClasses()
            .that()
            .resideInAPackage("io.oms.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.oms..persistence..");

    @ArchTest
    static final ArchRule persistenceDoesNotReachUp = noClasses()
            .that()
            .resideInAPackage("..persistence..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.oms..app..", "io.oms.api..");

    @ArchTest
    static final ArchRule servicesDoNotKnowTheApi = noClasses()
            .that()
            .resideInAPackage("..app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.oms.api..", "io.oms.jobs..");

    @ArchTest
    static final ArchRule jobsAreThinAdapters = noClasses()
            .that()
            .resideInAPackage("io.oms.jobs..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.oms..persistence..", "io.vertx.mutiny.sqlclient..");

    private static String capability(String packageName) {
        Matcher m = CAPABILITY_LAYER.matcher(packageName);
        return m.matches() ? m.group(1) : "";
    }
}
