package io.oms.api.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The schema the service serves is the one checked in as {@code schema.graphql}, so that every change to the API
 * shows in a review as a diff of that file. When the change is meant, regenerate the file:
 *
 * <pre>./mvnw -o test -Dtest=SchemaContractTest -Doms.schema.write=true</pre>
 *
 * and commit it (and check the breaking-change test, {@link SchemaCompatibilityTest}).
 */
@QuarkusTest
class SchemaContractTest {
    static final Path CHECKED_IN = Path.of("schema.graphql");
    static final String REGENERATE = "./mvnw -o test -Dtest=SchemaContractTest -Doms.schema.write=true";

    static String served() {
        return given().when()
                .get("/graphql/schema.graphql")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void theServedSchemaIsTheCheckedInOne() throws IOException {
        String served = normalized(served());
        if (Boolean.getBoolean("oms.schema.write")) {
            Files.writeString(CHECKED_IN, served, StandardCharsets.UTF_8);
            return;
        }
        String checkedIn = Files.exists(CHECKED_IN) ? normalized(Files.readString(CHECKED_IN)) : "";
        if (!served.equals(checkedIn)) {
            fail("The schema the service serves differs from " + CHECKED_IN.toAbsolutePath()
                    + " (- checked in, + served):\n"
                    + LineDiff.unified(checkedIn, served)
                    + "\nIf the change is meant, regenerate the file with\n  " + REGENERATE
                    + "\nand commit it with the change.");
        }
    }

    @Test
    void theServedSchemaDeclaresItsScalarsAndItsRoots() {
        String served = served();
        for (String declaration : new String[] {"scalar DateTime", "scalar BigDecimal", "schema {", "query: Query"}) {
            assertTrue(served.contains(declaration), "the served SDL lacks '" + declaration + "'");
        }
    }

    /** One line ending, no trailing blanks, one final newline: the file compares equal on every checkout. */
    static String normalized(String sdl) {
        return sdl.replace("\r\n", "\n")
                        .strip()
                        .lines()
                        .map(String::stripTrailing)
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse("")
                + "\n";
    }
}
