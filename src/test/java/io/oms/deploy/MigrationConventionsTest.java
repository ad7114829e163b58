package io.oms.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of k8s/README.md ("Writing migrations") for the migrations that run while the service serves:
 * applied migrations never change, and every index from V7 on is built CONCURRENTLY, alone in its migration
 * (PostgreSQL refuses CONCURRENTLY in a transaction; Flyway runs such a migration outside one, which it can only
 * do when nothing else in the file needs one).
 */
class MigrationConventionsTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    /** Applied in every database since: an edit fails Flyway's checksum validation there. */
    private static final Map<String, String> APPLIED = Map.of(
            "V1__foundation.sql", "5b1d217db4ec76c3497690613e49a212ace3f3ce44e2a7efc3d16e96baff93d9",
            "V2__routing.sql", "caaa5738e71e804a58eaf7c57f6ca40877683ded96ba6e70e7afadf3b8865c71",
            "V3__fulfillment_workflow.sql", "872f591c7b21f0d45d8494a300095ab067e50d376f6e803762ab6fc9aec8240e",
            "V4__incoming_stock.sql", "71d75f610bcb2af986437ecbf34d56495282e9062b1ff08a3a9d8b91fb0f3937",
            "V5__stuck_orders.sql", "1b2bdd7c32325a7539477c3a55a6b6ca2f9a2556074d5635c4bf714cf89df9c5",
            "V6__orders_status_count.sql", "33bbc41a115dd3850eb59e20890a12d217356d2f534f93e68b2a7358831d3fec");
    /** The last migration written before the convention; from the next one on, indexes are built concurrently. */
    private static final int LAST_BEFORE_THE_CONVENTION = 6;

    private static final Pattern VERSION = Pattern.compile("V(\\d+)(?:[._]\\d+)*__.+\\.sql");
    private static final Pattern INDEX_STATEMENT =
            Pattern.compile("\\b(create\\s+(unique\\s+)?index|drop\\s+index|reindex)\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void appliedMigrationsAreNeverEdited() throws Exception {
        for (Map.Entry<String, String> applied : APPLIED.entrySet()) {
            byte[] content = Files.readAllBytes(MIGRATIONS.resolve(applied.getKey()));
            assertEquals(
                    applied.getValue(),
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
                    applied.getKey() + " was changed: write a new migration instead");
        }
    }

    @Test
    void newIndexesAreBuiltConcurrentlyEachInAMigrationOfItsOwn() {
        List<String> problems = new ArrayList<>();
        for (Path migration : migrationsAfterTheConvention()) {
            List<String> statements = statements(read(migration));
            boolean concurrent = false;
            for (String statement : statements) {
                Matcher index = INDEX_STATEMENT.matcher(statement);
                if (index.find()) {
                    if (!statement
                            .toLowerCase(Locale.ROOT)
                            .matches("(?s)(create\\s+(unique\\s+)?|drop\\s+)index\\s+" + "concurrently\\b.*")) {
                        problems.add(migration.getFileName() + ": \"" + oneLine(statement) + "\" locks the table "
                                + "against writes while it runs; build it concurrently");
                    }
                    concurrent = true;
                }
            }
            if (concurrent && statements.size() != 1) {
                problems.add(migration.getFileName() + " mixes a CONCURRENTLY index with " + (statements.size() - 1)
                        + " other statement(s): put it in a migration of its own");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theConventionIsCheckedOnRealStatements() {
        // The parsing above, on what it must refuse and accept: a check that reads nothing proves nothing.
        assertEquals(
                List.of("create index concurrently a on b (c)"),
                statements("-- a comment; with a semicolon\ncreate index concurrently a on b (c);\n"));
        assertEquals(
                2,
                statements("create index a on b (c);\n/* x; */ alter table b add column d int;")
                        .size());
        assertTrue(INDEX_STATEMENT.matcher("CREATE UNIQUE INDEX x on y (z)").find());
    }

    private static List<Path> migrationsAfterTheConvention() {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(file -> {
                        Matcher version = VERSION.matcher(file.getFileName().toString());
                        return version.matches() && Integer.parseInt(version.group(1)) > LAST_BEFORE_THE_CONVENTION;
                    })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a script, comments removed (no dollar-quoted bodies in index migrations). */
    static List<String> statements(String sql) {
        String code = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
        return Arrays.stream(code.split(";"))
                .map(String::trim)
                .filter(statement -> !statement.isEmpty())
                .map(statement -> statement.replaceAll("\\s+", " "))
                .collect(Collectors.toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneLine(String statement) {
        return statement.length() > 80 ? statement.substring(0, 80) + "..." : statement;
    }
}
