package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;
import picocli.CommandLine;

/** {@code connectome scan} on the committed sample cohort, through the real command line. */
class ScanCommandTest {

  @Test
  void printsTheCohortAndWritesTheManifestTable(@TempDir Path dir) {
    SharedSpark.get();
    CommandLine cli = ConnectomeCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    Path tables = dir.resolve("out");
    assertEquals(ConnectomeCli.EXIT_OK, cli.execute("scan", "--bids",
        TestData.sampleCohort().toString(), "--out", tables.toString()));
    assertTrue(out.toString().startsWith("Cohort: "), out.toString());
    assertTrue(out.toString().contains("Manifest table: "), out.toString());
    assertTrue(Files.isDirectory(tables.resolve("tables").resolve("manifest")), out.toString());
  }
}
