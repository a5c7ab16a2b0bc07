package org.bunnybook.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module rules of docs/architecture.md, checked on the compiled production classes, so that a later change
 * cannot quietly break them: the vocabulary depends on nothing of ours, the platform and audit on no feature, the
 * two sides never on each other, and web is adapters only.
 */
class ArchitectureTest {

    private static final String API = "org.bunnybook.api..";
    private static final String PLATFORM = "org.bunnybook.platform..";
    private static final String AUDIT = "org.bunnybook.audit..";
    private static final String COMMAND_SIDE = "org.bunnybook.command..";
    private static final String QUERY_SIDE = "org.bunnybook.query..";
    private static final String WEB = "org.bunnybook.web..";
    private static final String EMBEDDED = "org.bunnybook.embedded..";

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        // an empty selection fails a rule (ArchUnit's default), so a module missing from the import cannot pass
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // other modules' test fixtures
                .importPackages("org.bunnybook");
    }

    @Test
    void theVocabularyDependsOnNothingOfOurs() {
        onlyOnItselfAnd(API).check(production);
    }

    @Test
    void thePlatformKnowsNoFeature() {
        onlyOnItselfAnd(PLATFORM, API).check(production);
    }

    @Test
    void auditReadsThroughThePlatformOnly() {
        onlyOnItselfAnd(AUDIT, API, PLATFORM).check(production);
    }

    @Test
    void theCommandSideKnowsOnlyTheVocabulary() {
        onlyOnItselfAnd(COMMAND_SIDE, API).check(production);
    }

    @Test
    void theQuerySideNeverSeesTheCommandSide() {
        onlyOnItselfAnd(QUERY_SIDE, API, PLATFORM).check(production);
    }

    @Test
    void webTalksToTheSidesThroughCommandsAndQueriesOnly() {
        noClasses().that().resideInAPackage(WEB)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND_SIDE, QUERY_SIDE)
                .because("web sends commands and asks queries (api-contracts); it never uses a side's classes")
                .check(production);
        noClasses().that().resideInAPackage(WEB)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.neo4j.core.Neo4jClient")
                .because("nothing in web opens a read model's store")
                .check(production);
    }

    @Test
    void webHoldsNoHandlersOfItsOwn() {
        methods().that().areDeclaredInClassesThat().resideInAPackage(WEB)
                .should().notBeAnnotatedWith(EventHandler.class)
                .andShould().notBeAnnotatedWith(CommandHandler.class)
                .andShould().notBeAnnotatedWith(QueryHandler.class)
                .because("projections, aggregates and query handlers live in the sides; web is adapters")
                .check(production);
        noClasses().that().resideInAPackage(WEB).should().beAnnotatedWith(ProcessingGroup.class)
                .check(production);
    }

    @Test
    void modulesFormNoCycle() {
        slices().matching("org.bunnybook.(*)..").should().beFreeOfCycles().check(production);
    }

    /** Classes of {@code module} depend, among ours, only on {@code module} itself and {@code allowed}. */
    private static ArchRule onlyOnItselfAnd(String module, String... allowed) {
        String[] others = Stream.of(API, PLATFORM, AUDIT, COMMAND_SIDE, QUERY_SIDE, WEB, EMBEDDED)
                .filter(candidate -> !candidate.equals(module) && !List.of(allowed).contains(candidate))
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(module)
                .should().dependOnClassesThat().resideInAnyPackage(others);
    }
}
