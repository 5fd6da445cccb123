package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.atlas.Atlas;
import org.w3c.dom.Document;

/** The report's figures: geometry, ordering and graph computed right, SVG well formed. */
class ReportFiguresTest {

  /** Two one-voxel-thick slabs on a 2 mm grid shifted by (10, 20, 30) mm. */
  private static Atlas twoSlabs() {
    int[] shape = {4, 2, 2};
    int[] labels = new int[16];
    for (int v = 0; v < 16; v++) {
      int i = v % 4;
      labels[v] = i < 2 ? 1 : 2;
    }
    double[][] affine = {{2, 0, 0, 10}, {0, 2, 0, 20}, {0, 0, 2, 30}, {0, 0, 0, 1}};
    return new Atlas("Two", "two_dseg.nii.gz", shape, affine, labels,
        List.of(new Atlas.Region(1, "left", "A", "L"), new Atlas.Region(2, "right", "B", "R")));
  }

  @Test
  void centroidsAreMeanVoxelPositionsThroughTheAffine() {
    AtlasGeometry g = AtlasGeometry.of(twoSlabs());
    // Region 1 covers i in {0,1}, j and k in {0,1}: mean index (0.5, 0.5, 0.5).
    assertArrayEquals(new double[] {11, 21, 31}, g.centroids().get("left"), 1e-12);
    assertArrayEquals(new double[] {15, 21, 31}, g.centroids().get("right"), 1e-12);
    assertArrayEquals(new double[] {10, 20, 30}, g.min(), 1e-12);
    assertArrayEquals(new double[] {16, 22, 32}, g.max(), 1e-12);
    assertEquals(2, g.cellMm(), 1e-12, "silhouette cells are never finer than a voxel");
    boolean[][] axial = g.silhouettes()[AtlasGeometry.Projection.AXIAL.ordinal()];
    assertEquals(2, axial.length);
    assertEquals(4, axial[0].length);
    for (boolean[] row : axial) {
      for (boolean covered : row) {
        assertTrue(covered);
      }
    }
  }

  @Test
  void networkOrderGroupsRegionsAndKeepsTableOrderWithin() {
    List<String> names = List.of("a1", "b1", "a2", "c1", "b2");
    NetworkOrder order = NetworkOrder.of(names,
        Map.of("a1", "A", "a2", "A", "b1", "B", "b2", "B", "c1", "C"));
    assertArrayEquals(new int[] {0, 2, 1, 4, 3}, order.order());
    assertEquals(List.of("A", "A", "B", "B", "C"), order.networks());
    assertArrayEquals(new int[] {0, 1, 0, 2, 1}, order.partition());
    assertEquals(List.of("A", "B", "A", "C", "B"), order.networksInMatrixOrder());
    assertNull(NetworkOrder.of(names, Map.of()).partition(), "one group is no partition");
  }

  @Test
  void cohortGraphKeepsStrongestPositiveEdgesAndPageRankSumsToOne() {
    List<String> names = List.of("a", "b", "c", "d");
    double[][] m = {{1, 0.9, 0.2, -0.5}, {0.9, 1, 0.4, 0.1}, {0.2, 0.4, 1, Double.NaN},
        {-0.5, 0.1, Double.NaN, 1}};
    CohortGraph g = CohortGraph.of(names, m);
    assertEquals(4, g.strongest().size(), "negative and NaN weights are no edges");
    assertEquals(new CohortGraph.Edge(0, 1, 0.9), g.strongest().get(0));
    for (int k = 1; k < g.strongest().size(); k++) {
      assertTrue(g.strongest().get(k - 1).weight() >= g.strongest().get(k).weight());
    }
    double sum = 0;
    for (double p : g.pagerank()) {
      sum += p;
    }
    assertEquals(1, sum, 1e-9);
    assertTrue(g.pagerank()[1] > g.pagerank()[3], "b has the strongest ties, d the weakest");
  }

  @Test
  void figuresAreWellFormedSvgWithOneCellPerMatrixEntry() throws Exception {
    List<String> names = List.of("a1", "b1", "a2");
    double[][] m = {{1, 0.3, -0.2}, {0.3, 1, Double.NaN}, {-0.2, Double.NaN, 1}};
    NetworkOrder order = NetworkOrder.of(names, Map.of("a1", "A", "a2", "A", "b1", "B"));
    Document heatmap = parse(SvgHeatmap.render("test <&> heatmap", names, m, order));
    assertEquals("test <&> heatmap", heatmap.getDocumentElement().getAttribute("aria-label"));
    long cells = count(heatmap, "rect", "title");
    assertEquals(9, cells, "one titled cell per entry (bands carry network titles too)");

    Atlas atlas = twoSlabs();
    CohortGraph graph = CohortGraph.of(List.of("left", "right"),
        new double[][] {{1, 0.5}, {0.5, 1}});
    Document brain = parse(GlassBrain.render(AtlasGeometry.of(atlas), graph, List.of("A", "B")));
    assertEquals(6, brain.getElementsByTagName("circle").getLength(), "2 nodes x 3 views");
    assertEquals(3, brain.getElementsByTagName("line").getLength(), "1 edge x 3 views");

    parse(SvgLinePlot.render("fd", new double[] {0, 0.2, 0.9, 0.1}, 0.5, new int[] {2}, "FD"));
    parse(SvgCarpetPlot.render("carpet", 3, 2, new double[] {1, 2, 3, 4, 5, 7}, order(2)));
    parse(SvgBarChart.render("tsnr", List.of("x", "y"), List.of("A", "B"),
        new double[] {3, Double.NaN}, 2));
    parse(SvgStripPlot.render("metric", List.of("r1", "r2"), new double[] {1, 2},
        List.of("g", "h")));
  }

  @Test
  void htmlEscapesMarkupAndFormatsNumbersForPeople() {
    assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;", Html.escape("<b> & \"x\" 'y'"));
    assertEquals("n/a", Html.number(Double.NaN));
    assertEquals("3", Html.number(3.0));
    assertEquals("0.1235", Html.number(0.123456));
    assertEquals("0.012", Html.number(0.012));
    assertEquals("1.500e-07", Html.number(1.5e-7));
  }

  private static NetworkOrder order(int n) {
    return NetworkOrder.of(n == 2 ? List.of("x", "y") : List.of(), Map.of());
  }

  private static long count(Document doc, String element, String child) {
    long n = 0;
    var nodes = doc.getElementsByTagName(element);
    for (int i = 0; i < nodes.getLength(); i++) {
      var children = nodes.item(i).getChildNodes();
      for (int c = 0; c < children.getLength(); c++) {
        if (children.item(c).getNodeName().equals(child)
            && !children.item(c).getTextContent().matches("[AB]")) {
          n++;
        }
      }
    }
    return n;
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
