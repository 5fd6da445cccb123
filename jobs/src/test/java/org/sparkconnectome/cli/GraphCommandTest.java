package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.graph.Connectome;
import picocli.CommandLine;
import org.sparkconnectome.testing.TestData;

/** Runs {@code connectome graph} on the shared weighted30 reference graph, as a user would. */
class GraphCommandTest {
  private static final double TOLERANCE = 1e-6;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  static Path dir;
  private static JsonNode reference;
  private static Path relmat;
  private static Path partition;

  @BeforeAll
  static void writeInputs() throws IOException {
    Path file = TestData.referenceFile("graph", "weighted30.json");
    reference = MAPPER.readTree(file.toFile());
    List<String> names = new ArrayList<>();
    reference.get("names").forEach(n -> names.add(n.asText()));
    double[][] m = new double[names.size()][names.size()];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        m[i][j] = reference.get("matrix").get(i).get(j).asDouble();
      }
    }
    relmat = dir.resolve("sub-01_atlas-test_stat-streamlinecount_relmat.tsv");
    org.sparkconnectome.graph.io.RelmatTsv.write(Connectome.fromMatrix(names, m), relmat);
    // Listed in reverse with network labels: the command must match regions by name.
    StringBuilder tsv = new StringBuilder("index\tname\tnetwork\n");
    for (int i = names.size() - 1; i >= 0; i--) {
      tsv.append(i + 1).append('\t').append(names.get(i)).append("\tnet")
          .append(reference.get("partition").get(i).asInt()).append('\n');
    }
    partition = dir.resolve("atlas-test_dseg.tsv");
    Files.writeString(partition, tsv.toString());
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void writesReferenceMetrics() throws IOException {
    Path out = dir.resolve("out");
    StringWriter err = new StringWriter();
    int code = run(err, "graph", "--relmat", relmat.toString(), "--partition",
        partition.toString(), "--null-graphs", "3", "--seed", "5", "--out", out.toString());
    assertEquals(0, code, err.toString());

    List<String> lines = Files.readAllLines(out.resolve("nodes.tsv"));
    List<String> header = Arrays.asList(lines.get(0).split("\t"));
    assertEquals(List.of("node", "degree", "strength", "clustering", "pagerank", "betweenness",
        "participation", "local_efficiency", "community", "louvain_community"), header);
    assertEquals(31, lines.size());
    for (String metric : List.of("degree", "strength", "clustering", "pagerank", "betweenness")) {
      int column = header.indexOf(metric);
      for (int i = 0; i < 30; i++) {
        String[] cells = lines.get(i + 1).split("\t");
        assertEquals(reference.get("names").get(i).asText(), cells[0]);
        assertEquals(reference.get(metric).get(i).asDouble(), Double.parseDouble(cells[column]),
            TOLERANCE, metric + " of " + cells[0]);
      }
    }
    assertEquals("net" + reference.get("partition").get(4).asInt(),
        lines.get(5).split("\t")[header.indexOf("community")]);

    JsonNode graph = MAPPER.readTree(out.resolve("graph.json").toFile());
    for (String metric : List.of("char_path_length", "global_efficiency", "modularity")) {
      assertEquals(reference.get(metric).asDouble(), graph.get(metric).asDouble(), TOLERANCE,
          metric);
    }
    assertEquals(reference.get("components").asInt(), graph.get("components").asInt());
    assertTrue(graph.get("louvain_modularity").asDouble()
        >= reference.get("louvain_best_of_10_seeds").asDouble() - 1e-3);
    assertEquals(30, graph.get("n_nodes").asInt());
    assertEquals(120, graph.get("n_edges").asInt());
    assertEquals("drop", graph.get("threshold_policy").get("negative").asText());
    assertTrue(graph.get("small_worldness").isNumber(), graph.toString());
    assertEquals(3, graph.get("small_world").get("null_graphs").asInt());
  }

  @Test
  void withoutPartitionModularityIsNull() throws IOException {
    Path out = dir.resolve("out-nopart");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "graph", "--relmat", relmat.toString(), "--null-graphs", "0",
        "--negative", "separate", "--threshold", "prop:0.2", "--out", out.toString()),
        err.toString());
    JsonNode graph = MAPPER.readTree(out.resolve("graph.json").toFile());
    assertTrue(graph.get("modularity").isNull());
    assertTrue(graph.get("small_worldness").isNull());
    // 20% of 435 possible edges: round(87) of the 120 edges survive; none is negative.
    assertEquals(87, graph.get("n_edges").asInt());
    assertEquals(0, graph.get("negative").get("n_edges").asInt());
    assertEquals("proportional", graph.get("threshold_policy").get("threshold").asText());
    String header = Files.readAllLines(out.resolve("nodes.tsv")).get(0);
    assertTrue(header.contains("\tnegative_degree\t"), header);
  }

  @Test
  void brokenRelmatExitsTwoNamingFileAndCell() throws IOException {
    Path bad = dir.resolve("bad_relmat.tsv");
    List<String> lines = new ArrayList<>(Files.readAllLines(relmat));
    lines.set(3, lines.get(3).replaceFirst("\t[^\t]+$", "\tlots"));
    Files.write(bad, lines);
    StringWriter err = new StringWriter();
    int code = run(err, "graph", "--relmat", bad.toString(), "--out",
        dir.resolve("never").toString());
    assertEquals(ConnectomeCli.EXIT_USAGE, code);
    assertTrue(err.toString().contains(bad.toString()), err.toString());
    assertTrue(err.toString().contains("'lots'"), err.toString());
    assertTrue(err.toString().lines().count() <= 3, err.toString());
  }

  @Test
  void brokenPartitionExitsTwoNamingTheFile() throws IOException {
    Path bad = dir.resolve("bad_dseg.tsv");
    Files.writeString(bad, "");
    StringWriter err = new StringWriter();
    int code = run(err, "graph", "--relmat", relmat.toString(), "--partition", bad.toString(),
        "--out", dir.resolve("never").toString());
    assertEquals(ConnectomeCli.EXIT_USAGE, code);
    assertTrue(err.toString().startsWith("connectome: " + bad + ": empty file"), err.toString());
    assertTrue(err.toString().lines().count() <= 3, err.toString());
  }

  @Test
  void badOptionValuesExitTwo() {
    StringWriter err = new StringWriter();
    assertEquals(ConnectomeCli.EXIT_USAGE, run(err, "graph", "--relmat", relmat.toString(),
        "--negative", "keep", "--out", dir.resolve("x").toString()));
    assertTrue(err.toString().contains("drop, abs or separate"), err.toString());
    StringWriter missing = new StringWriter();
    assertEquals(ConnectomeCli.EXIT_USAGE, run(missing, "graph", "--relmat",
        dir.resolve("absent.tsv").toString(), "--out", dir.resolve("y").toString()));
    assertTrue(missing.toString().contains("absent.tsv"), missing.toString());
  }
}
