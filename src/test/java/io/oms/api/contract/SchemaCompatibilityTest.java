package io.oms.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The breaking-change check: schema.graphql (what the service serves, {@link SchemaContractTest}) against
 * docs/schema-released.graphql (the schema of the last release), with graphql-java's {@link SchemaDiff}. A removed
 * or retyped field, argument, input field or enum value, a new required argument or input field: each is a
 * breakage and fails, unless what changed was already {@code @deprecated} in the released schema (deprecate in one
 * release, remove in a later one). Dangers (e.g. a new enum value) are printed, not failed. At a release, copy
 * schema.graphql over docs/schema-released.graphql.
 */
class SchemaCompatibilityTest {
    static final Path RELEASED = Path.of("docs", "schema-released.graphql");

    /** The breakages of going from {@code released} to {@code current} that deprecation did not announce. */
    static List<String> unannouncedBreakages(String released, String current, List<String> dangers) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(released, current), reporter);
        reporter.getDangers().forEach(event -> dangers.add(describe(event)));
        TypeDefinitionRegistry old = new SchemaParser().parse(released);
        List<String> breakages = new ArrayList<>();
        for (DiffEvent event : reporter.getBreakages()) {
            if (!deprecatedBefore(old, event)) {
                breakages.add(describe(event));
            }
        }
        return breakages;
    }

    private static String describe(DiffEvent event) {
        return event.getCategory() + " " + event.getTypeName()
                + (event.getFieldName() == null ? "" : "." + event.getFieldName())
                + (event.getComponents().isEmpty() ? "" : " " + event.getComponents()) + ": " + event.getReasonMsg();
    }

    /** Whether the field, argument, input field or enum value the event is about was @deprecated when released. */
    private static boolean deprecatedBefore(TypeDefinitionRegistry old, DiffEvent event) {
        if (event.getTypeName() == null || event.getFieldName() == null) {
            return false;
        }
        Optional<?> type = old.getType(event.getTypeName());
        if (type.isEmpty()) {
            return false;
        }
        Object definition = type.get();
        if (definition instanceof ImplementingTypeDefinition<?> implementing) {
            for (FieldDefinition field : implementing.getFieldDefinitions()) {
                if (!field.getName().equals(event.getFieldName())) {
                    continue;
                }
                if (deprecated(field)) {
                    return true;
                }
                // an argument of the field: deprecated itself
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    if (event.getComponents().contains(argument.getName()) && deprecated(argument)) {
                        return true;
                    }
                }
            }
        } else if (definition instanceof InputObjectTypeDefinition input) {
            return input.getInputValueDefinitions().stream()
                    .anyMatch(field -> field.getName().equals(event.getFieldName()) && deprecated(field));
        } else if (definition instanceof EnumTypeDefinition enumeration) {
            return enumeration.getEnumValueDefinitions().stream()
                    .anyMatch(value -> value.getName().equals(event.getFieldName()) && deprecated(value));
        }
        return false;
    }

    private static boolean deprecated(DirectivesContainer<?> element) {
        return element.hasDirective("deprecated");
    }

    /** The released schema with the body of {@code type} edited by {@code edit}. */
    private static String editType(String sdl, String type, java.util.function.UnaryOperator<String> edit) {
        Matcher block = Pattern.compile("(?ms)^(type|input|enum) " + type + " \\{\\n.*?^\\}")
                .matcher(sdl);
        assertTrue(block.find(), "no type " + type + " in the released schema");
        String edited = edit.apply(block.group());
        assertTrue(!edited.equals(block.group()), "the edit changed nothing in " + type);
        return sdl.substring(0, block.start()) + edited + sdl.substring(block.end());
    }

    private static String released() throws IOException {
        return Files.readString(RELEASED);
    }

    @Test
    void theSchemaBreaksNothingOfTheLastRelease() throws IOException {
        List<String> dangers = new ArrayList<>();
        List<String> breakages =
                unannouncedBreakages(released(), Files.readString(SchemaContractTest.CHECKED_IN), dangers);
        dangers.forEach(danger -> System.out.println("schema change to check (dangerous for some clients): " + danger));
        if (!breakages.isEmpty()) {
            fail("schema.graphql breaks clients of the last release (" + RELEASED + "):\n  "
                    + String.join("\n  ", breakages)
                    + "\nKeep the old field or argument working and mark it @Deprecated (org.eclipse.microprofile.graphql"
                    + ".Deprecated or java.lang.Deprecated) for one release; remove it only after that release.");
        }
    }

    @Test
    void aRemovedFieldIsBreaking() throws IOException {
        String released = released();
        String removed = editType(released, "Order", body -> body.replaceFirst("(?m)^  number: String!\\n", ""));
        List<String> breakages = unannouncedBreakages(released, removed, new ArrayList<>());
        assertEquals(1, breakages.size(), breakages::toString);
        assertTrue(breakages.get(0).contains("Order.number"), breakages::toString);
    }

    @Test
    void aRetypedFieldIsBreaking() throws IOException {
        String released = released();
        String retyped = editType(released, "Order", body -> body.replace("  total: BigDecimal!", "  total: String!"));
        List<String> breakages = unannouncedBreakages(released, retyped, new ArrayList<>());
        assertEquals(1, breakages.size(), breakages::toString);
        assertTrue(breakages.get(0).contains("Order.total"), breakages::toString);
    }

    @Test
    void aRemovedArgumentIsBreaking() throws IOException {
        String released = released();
        String removed = editType(
                released,
                "Query",
                body -> body.replace(
                        "orders(after: String, filter: OrderFilter, first: Int)", "orders(after: String, first: Int)"));
        List<String> breakages = unannouncedBreakages(released, removed, new ArrayList<>());
        assertTrue(breakages.stream().anyMatch(b -> b.contains("Query.orders")), breakages::toString);
    }

    @Test
    void aFieldDeprecatedInTheReleaseMayBeRemoved() throws IOException {
        String deprecated = editType(
                released(),
                "Order",
                body -> body.replaceFirst(
                        "(?m)^  number: String!$", "  number: String! @deprecated(reason: \"use orderNumber\")"));
        String removed = editType(deprecated, "Order", body -> body.replaceFirst("(?m)^  number: String!.*\\n", ""));
        assertEquals(List.of(), unannouncedBreakages(deprecated, removed, new ArrayList<>()));
    }

    @Test
    void anAddedFieldBreaksNothing() throws IOException {
        String released = released();
        String added = editType(
                released, "Order", body -> body.replaceFirst("(?m)^  number: String!$", "$0\n  routingState: String"));
        assertEquals(List.of(), unannouncedBreakages(released, added, new ArrayList<>()));
    }
}
