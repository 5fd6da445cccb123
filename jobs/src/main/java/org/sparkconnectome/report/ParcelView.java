package org.sparkconnectome.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.formats.cifti.BrainModel;

/**
 * A flat view of a dense label atlas's parcels, for grayordinate atlases the report has no
 * surface mesh to draw on: one row per brain structure (left cortex, right cortex, each
 * subcortical structure), one cell per parcel with grayordinates there, sized by its share of
 * them and coloured by the parcel's PageRank in the cohort's mean connectome.
 */
final class ParcelView {
  private static final int WIDTH = 720;
  private static final int ROW = 22;
  private static final int LABEL = 190;

  private ParcelView() {
  }

  static String render(Atlas atlas, CohortGraph graph) {
    int regions = atlas.regions().size();
    int[] regionOf = atlas.grayordinates().regionOf();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (BrainModel m : atlas.grayordinates().models().models()) {
      int[] c = counts.computeIfAbsent(m.structure(), s -> new int[regions]);
      for (int i = 0; i < m.count(); i++) {
        int r = regionOf[m.offset() + i];
        if (r >= 0) {
          c[r]++;
        }
      }
    }
    double max = 0;
    for (double p : graph.pagerank()) {
      max = Double.isFinite(p) ? Math.max(max, p) : max;
    }
    List<String> names = atlas.regionNames();
    StringBuilder svg = new StringBuilder();
    int height = ROW * counts.size() + 24;
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" font-size=\"11\">", WIDTH, height));
    int y = 4;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int total = 0;
      for (int c : e.getValue()) {
        total += c;
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 15,
          Html.escape(e.getKey().replace("CIFTI_STRUCTURE_", "").toLowerCase(Locale.ROOT))));
      double x = LABEL;
      for (int r = 0; r < regions; r++) {
        int c = e.getValue()[r];
        if (c == 0) {
          continue;
        }
        double w = (WIDTH - LABEL) * c / (double) Math.max(1, total);
        int position = graph.names().indexOf(names.get(r));
        double rank = position < 0 ? Double.NaN : graph.pagerank()[position];
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
            + "height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>%s: %d grayordinates, "
            + "PageRank %s</title></rect>", x, y, w, ROW - 4,
            ColorScale.diverging(rank, max), Html.escape(names.get(r)), c,
            Html.number(rank)));
        x += w;
      }
      y += ROW;
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">cell width: "
        + "share of the structure's grayordinates; colour: PageRank (white 0, red highest)"
        + "</text></svg>", LABEL, y + 14));
    return SubjectSection.figure(svg.toString(), "Parcels of the dense label atlas "
        + Html.escape(atlas.name()) + " by brain structure (a flat view: the output carries no "
        + "surface mesh).");
  }
}
