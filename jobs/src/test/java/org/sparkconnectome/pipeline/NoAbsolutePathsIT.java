package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * Outputs can be shared without the folders they came from: no derivative file, sidecar, run
 * report, HTML report or table (but the manifest, which keeps the store URI it reads from) names
 * the input dataset's absolute path, even when a run fails on a broken file; sidecars name their
 * inputs by BIDS URI, which {@code DatasetLinks} resolves.
 */
@Tag("spark")
class NoAbsolutePathsIT {
  @TempDir
  Path work;

  @Test
  void outputsNameInputsByBidsUriOnly() throws IOException {
    Path bids = work.resolve("private-lab-folder").resolve("bids");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    Path bold = bids.resolve("sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym"
        + "_desc-preproc_bold.nii.gz");
    byte[] good = Files.readAllBytes(bold);
    Files.write(bold, java.util.Arrays.copyOf(good, good.length / 3));
    Path out = work.resolve("out");
    CliRun run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(),
        "--set", "graph.null_graphs=0", "--set", "graph.louvain_runs=2");
    assertEquals(3, run.exitCode(), run.err());
    String secret = bids.toString();

    List<Path> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      files.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(out.resolve("tables")))
          .filter(p -> p.toString().matches(".*\\.(json|tsv|html|txt)$"))
          .forEach(texts::add);
    }
    assertTrue(texts.size() > 40, "derivatives, sidecars, run report, report: " + texts.size());
    for (Path file : texts) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertFalse(text.contains(secret), file + " names " + secret);
    }
    String report = Files.readString(out.resolve("run-report.json"));
    assertTrue(report.contains("bids:preprocessed:sub-02/func/sub-02_task-rest"), report);

    // Every table but the manifest, every string column.
    try (Stream<Path> tables = Files.list(out.resolve("tables"))) {
      for (Path table : tables.filter(Files::isDirectory).toList()) {
        if (table.getFileName().toString().equals("manifest")) {
          continue;
        }
        Dataset<Row> rows = SharedSpark.get().read().format("delta").load(table.toString());
        for (StructField field : rows.schema().fields()) {
          if (field.dataType().equals(DataTypes.StringType)) {
            long leaks = rows.filter(rows.col(field.name()).contains(secret)).count();
            assertEquals(0, leaks, table.getFileName() + "." + field.name() + " names "
                + secret);
          }
        }
      }
    }

    // A sidecar's sources resolve through DatasetLinks to the input files.
    ObjectMapper json = new ObjectMapper();
    JsonNode links = json.readTree(out.resolve("dataset_description.json").toFile())
        .path("DatasetLinks");
    JsonNode sidecar = json.readTree(out.resolve("sub-01/func/sub-01_task-rest_space-"
        + "MNI152NLin2009cAsym_atlas-Sample_stat-pearsoncorrelation_relmat.json").toFile());
    String source = sidecar.path("Sources").get(0).asText();
    assertTrue(source.startsWith("bids:preprocessed:sub-01/func/"), source);
    String resolved = BidsUris.resolve(source, out.toUri().toString(),
        java.util.Map.of(BidsUris.ROOT, links.path(BidsUris.ROOT).asText()));
    assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(resolved))), resolved);
  }
}
