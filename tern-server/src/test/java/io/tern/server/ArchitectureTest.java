package io.tern.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The house rules that keep the domain independent of transport and storage. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tern.server");

    @Test
    void core_importsNoNettyJdbcOrRedis() {
        noClasses().that().resideInAPackage("io.tern.server.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.sql..", "javax.sql..",
                        "io.lettuce..", "org.sqlite..", "com.zaxxer..", "org.postgresql..")
                .check(CLASSES);
    }

    @Test
    void core_doesNotKnowTransportOrStore() {
        noClasses().that().resideInAPackage("io.tern.server.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tern.server.transport..", "io.tern.server.store..")
                .check(CLASSES);
    }

    @Test
    void core_doesNotKnowTheRedisCluster() {
        noClasses().that().resideInAPackage("io.tern.server.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tern.server.cluster..")
                .check(CLASSES);
    }

    @Test
    void cluster_doesNotKnowTransportOrStore() {
        noClasses().that().resideInAPackage("io.tern.server.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tern.server.transport..", "io.tern.server.store..",
                        "io.netty.channel..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void store_doesNotKnowTransport() {
        noClasses().that().resideInAPackage("io.tern.server.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tern.server.transport..", "io.netty..")
                .check(CLASSES);
    }
}
