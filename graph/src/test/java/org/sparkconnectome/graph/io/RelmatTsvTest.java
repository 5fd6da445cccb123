package org.sparkconnectome.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.graph.Connectome;

class RelmatTsvTest {
  private static final String GOOD = "Node\tA\tB\tC\n"
      + "A\tn/a\t0.5\t-0.25\n"
      + "B\t0.5\tn/a\t1e-3\n"
      + "C\t-0.25\t0.001\tn/a\n";

  @Test
  void readsXcpdLayoutAndWritesItBack() throws IOException {
    Connectome c = RelmatTsv.read(new StringReader(GOOD), "x_relmat.tsv");
    assertEquals(List.of("A", "B", "C"), c.names());
    assertTrue(Double.isNaN(c.weight(1, 1)));
    assertEquals(-0.25, c.weight(2, 0));
    StringWriter out = new StringWriter();
    RelmatTsv.write(c, out);
    assertTrue(out.toString().startsWith("Node\tA\tB\tC\nA\tn/a\t0.5\t-0.25\n"), out.toString());
    Connectome again = RelmatTsv.read(new StringReader(out.toString()), "again");
    assertArrayEquals(c.upperTriangle(), again.upperTriangle());
  }

  @Test
  void readsTheLowerCaseHeaderOfEarlierVersions() throws IOException {
    Connectome old = RelmatTsv.read(new StringReader(GOOD.replaceFirst("Node", "node")), "old");
    Connectome now = RelmatTsv.read(new StringReader(GOOD), "now");
    assertEquals(now.names(), old.names());
    assertArrayEquals(now.upperTriangle(), old.upperTriangle());
  }

  @Test
  void badValueNamesFileRowColumnAndValue() {
    String text = GOOD.replace("B\t0.5\tn/a\t1e-3", "B\t0.5\tn/a\tabc");
    GraphInputException e = assertThrows(GraphInputException.class,
        () -> RelmatTsv.read(new StringReader(text), "x_relmat.tsv"));
    assertEquals("x_relmat.tsv", e.file());
    assertTrue(e.getMessage().contains("line 3, row 'B', column 'C': 'abc'"), e.getMessage());
  }

  @Test
  void refusesBrokenLayouts() {
    assertFault("", "empty file");
    assertFault("name\tA\nA\t1\n", "expected 'Node'");
    assertFault("node\tA\tB\nA\t0\t1\n", "truncated: 1 rows for 2");
    assertFault("node\tA\tB\nA\t0\t1\nB\t1\n", "1 values, expected 2");
    assertFault("node\tA\tB\nA\t0\t1\nC\t1\t0\n", "row name 'C' does not match");
    assertFault("node\tA\tB\nA\t0\t1\nB\t2\t0\n", "not symmetric: row 'A' column 'B' = 1.0");
    assertFault("node\tA\tA\nA\t0\t1\nA\t1\t0\n", "repeated");
  }

  @Test
  void partitionMatchesByNameWhateverTheOrder() throws IOException {
    String tsv = "index\tname\tnetwork\n3\tC\tVis\n1\tA\tDMN\n2\tB\tVis\n";
    PartitionTsv.Partition p = PartitionTsv.read(new StringReader(tsv), "p.tsv",
        List.of("A", "B", "C"));
    assertArrayEquals(new int[] {0, 1, 1}, p.membership());
    assertEquals(List.of("DMN", "Vis"), p.labels());
    GraphInputException missing = assertThrows(GraphInputException.class,
        () -> PartitionTsv.read(new StringReader(tsv), "p.tsv", List.of("A", "B", "D")));
    assertTrue(missing.getMessage().contains("region 'D'"), missing.getMessage());
    assertThrows(GraphInputException.class, () -> PartitionTsv.read(
        new StringReader("node\tlabel\nA\t1\n"), "p.tsv", List.of("A")));
    PartitionTsv.Partition xcpd = PartitionTsv.read(
        new StringReader("Node\tcommunity\nB\t2\nA\t1\n"), "p.tsv", List.of("A", "B"));
    assertArrayEquals(new int[] {0, 1}, xcpd.membership());
  }

  private static void assertFault(String text, String fault) {
    GraphInputException e = assertThrows(GraphInputException.class,
        () -> RelmatTsv.read(new StringReader(text), "f.tsv"));
    assertTrue(e.getMessage().startsWith("f.tsv: "), e.getMessage());
    assertTrue(e.getMessage().contains(fault), e.getMessage());
  }
}
