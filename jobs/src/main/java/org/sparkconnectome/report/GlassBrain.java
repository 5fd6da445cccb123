package org.sparkconnectome.report;

import java.util.List;

/**
 * The atlas graph drawn on three orthogonal "glass brain" projections: the atlas silhouette in
 * grey, nodes at region centroids sized by PageRank and coloured by network, and the strongest
 * edges with width by weight.
 */
final class GlassBrain {
  private static final double PANEL = 250;
  private static final double GAP = 20;

  private GlassBrain() {
  }

  /** @param networks network per region, in the graph's name order */
  static String render(AtlasGeometry geometry, CohortGraph graph, List<String> networks) {
    Svg svg = new Svg(3 * PANEL + 2 * GAP, PANEL + 24, "atlas graph on glass-brain projections");
    List<String> distinct = networks.stream().distinct().toList();
    double maxRank = 0;
    for (double p : graph.pagerank()) {
      maxRank = Math.max(maxRank, p);
    }
    double maxWeight = graph.strongest().isEmpty() ? 1 : graph.strongest().get(0).weight();
    for (AtlasGeometry.Projection p : AtlasGeometry.Projection.values()) {
      double x0 = p.ordinal() * (PANEL + GAP);
      Panel panel = new Panel(geometry, p, x0);
      boolean[][] grid = geometry.silhouettes()[p.ordinal()];
      double cell = panel.scale * geometry.cellMm();
      for (int r = 0; r < grid.length; r++) {
        for (int c = 0; c < grid[r].length; c++) {
          if (grid[r][c]) {
            svg.rect(panel.x0 + c * cell, panel.y(geometry.min()[p.vertical]
                + (r + 1) * geometry.cellMm()), cell + 0.05, cell + 0.05, "#e3e3e3", null);
          }
        }
      }
      for (CohortGraph.Edge e : graph.strongest()) {
        double[] a = geometry.centroids().get(graph.names().get(e.a()));
        double[] b = geometry.centroids().get(graph.names().get(e.b()));
        if (a != null && b != null) {
          svg.line(panel.x(a), panel.y(a[p.vertical]), panel.x(b), panel.y(b[p.vertical]),
              "#c0392b", 0.5 + 3 * e.weight() / maxWeight, "stroke-opacity=\"0.6\"");
        }
      }
      for (int i = 0; i < graph.names().size(); i++) {
        double[] c = geometry.centroids().get(graph.names().get(i));
        if (c == null) {
          continue;
        }
        double radius = 2 + 8 * (maxRank > 0 ? graph.pagerank()[i] / maxRank : 0.5);
        svg.circle(panel.x(c), panel.y(c[p.vertical]), radius,
            ColorScale.category(distinct.indexOf(networks.get(i))),
            graph.names().get(i) + " (" + networks.get(i) + "), PageRank "
                + Html.number(graph.pagerank()[i]));
      }
      svg.text(x0 + PANEL / 2, PANEL + 18, p.title, "middle", 11, 0);
    }
    return svg.toString();
  }

  /** Maps world mm of one projection into its square panel, aspect kept, centred. */
  private static final class Panel {
    final AtlasGeometry geometry;
    final AtlasGeometry.Projection projection;
    final double scale;
    final double x0;
    final double y0;

    Panel(AtlasGeometry geometry, AtlasGeometry.Projection p, double left) {
      this.geometry = geometry;
      this.projection = p;
      double w = geometry.max()[p.horizontal] - geometry.min()[p.horizontal]
          + geometry.cellMm();
      double h = geometry.max()[p.vertical] - geometry.min()[p.vertical] + geometry.cellMm();
      this.scale = (PANEL - 10) / Math.max(Math.max(w, h), 1e-6);
      this.x0 = left + (PANEL - w * scale) / 2;
      this.y0 = (PANEL - h * scale) / 2 + h * scale;
    }

    double x(double[] world) {
      return x0 + (world[projection.horizontal] - geometry.min()[projection.horizontal]) * scale;
    }

    /** Screen y grows downwards; world up is larger. */
    double y(double worldVertical) {
      return y0 - (worldVertical - geometry.min()[projection.vertical]) * scale;
    }
  }
}
