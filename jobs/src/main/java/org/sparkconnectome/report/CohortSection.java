package org.sparkconnectome.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.atlas.Atlas;

/**
 * The cohort view: distributions of key QC and graph metrics over runs (by group when
 * participants.tsv has one), and per atlas the mean connectome, its graph on glass-brain
 * projections and the interactive 3D view.
 */
final class CohortSection {
  /** The measure averaged into the cohort connectome. */
  static final String MEAN_MEASURE = "pearson";
  /** The most runs a distribution shows as dots, one per run, with the run as tooltip. */
  static final int MAX_DOTS = 500;
  private static final int HISTOGRAM_BINS = 30;

  private CohortSection() {
  }

  /** @param summaries graph summary per run key (runs without a correlation matrix absent) */
  static String render(ReportInputs in, Map<String, RunGraphSummary> summaries,
      String viewerBundle) throws IOException {
    StringBuilder h = new StringBuilder("<section id=\"cohort\"><h2>Cohort</h2>");
    if (in.runs.isEmpty()) {
      // The distributions are the BOLD runs' (FD, censoring, tSNR, their graphs).
      return h.append("<p class=\"note\">No fMRI runs: the cohort figures are the BOLD "
          + "runs'; other stages' results are in their sections.</p></section>").toString();
    }
    h.append(distributions(in, summaries));
    boolean first = true;
    for (Map.Entry<String, Atlas> e : in.atlases.entrySet()) {
      // One 3D view per page: NiiVue owns one canvas, and the first atlas is the primary one.
      h.append(atlasView(in, e.getKey(), e.getValue(), first ? viewerBundle : null, first));
      first = false;
    }
    return h.append("</section>").toString();
  }

  private static String distributions(ReportInputs in, Map<String, RunGraphSummary> summaries) {
    List<String> labels = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<RunData> runs = new ArrayList<>(in.runs.values());
    for (RunData r : runs) {
      labels.add(r.label);
      groups.add(in.groups.getOrDefault(r.subject, in.groups.isEmpty() ? "all" : "n/a"));
    }
    double[] meanFd = new double[runs.size()];
    double[] censored = new double[runs.size()];
    double[] tsnr = new double[runs.size()];
    double[] efficiency = new double[runs.size()];
    double[] clustering = new double[runs.size()];
    double[] modularity = new double[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      RunData r = runs.get(i);
      meanFd[i] = r.sidecarNumber("MeanFramewiseDisplacement");
      censored[i] = r.censored().length;
      tsnr[i] = r.tsnr.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue)
          .average().orElse(Double.NaN);
      RunGraphSummary g = summaries.get(r.key);
      efficiency[i] = g == null ? Double.NaN : g.globalEfficiency();
      clustering[i] = g == null ? Double.NaN : g.meanClustering();
      modularity[i] = g == null ? Double.NaN : g.networkModularity();
    }
    StringBuilder h = new StringBuilder("<h3>Distributions over runs</h3><div class=\"row\">");
    h.append(distribution("mean FD (mm)", labels, meanFd, groups));
    h.append(distribution("censored volumes", labels, censored, groups));
    h.append(distribution("mean region tSNR", labels, tsnr, groups));
    h.append(distribution("global efficiency", labels, efficiency, groups));
    h.append(distribution("mean clustering", labels, clustering, groups));
    h.append(distribution("network modularity", labels, modularity, groups));
    return h.append("</div>").toString();
  }

  /**
   * A dot per run up to {@link #MAX_DOTS} runs; above, a histogram, whose size does not grow
   * with the cohort (the index stays small at 10,000 runs; each run's numbers are in the table).
   */
  private static String distribution(String metric, List<String> labels, double[] values,
      List<String> groups) {
    if (values.length <= MAX_DOTS) {
      return SvgStripPlot.render(metric, labels, values, groups);
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    if (!(high > low)) {
      low = Double.isFinite(low) ? low - 0.5 : 0;
      high = low + 1;
    }
    return SubjectSection.figure(SvgHistogram.render(metric, values, low, high, HISTOGRAM_BINS),
        Html.escape(metric) + " over " + values.length + " runs (all groups).");
  }

  private static String atlasView(ReportInputs in, String name, Atlas atlas,
      String viewerBundle, boolean withViewer) throws IOException {
    List<String> names = atlas.regionNames();
    double[][] mean = meanConnectome(in, name, names);
    StringBuilder h = new StringBuilder("<h3>Atlas ").append(Html.escape(name)).append("</h3>");
    if (mean == null) {
      return h.append("<p class=\"note\">No ").append(MEAN_MEASURE)
          .append(" connectomes for this atlas.</p>").toString();
    }
    Map<String, String> networks = NetworkOrder.networksOf(atlas);
    NetworkOrder order = NetworkOrder.of(names, networks);
    h.append(SubjectSection.figure(SvgHeatmap.render("mean " + MEAN_MEASURE + " connectome",
        names, mean, order), "Mean " + MEAN_MEASURE + " connectome over computed runs "
        + "(regions unavailable in a run are left out of that cell's mean)."));
    CohortGraph graph = CohortGraph.of(names, mean);
    if (!atlas.isVolume()) {
      // Grayordinates: no voxel geometry for a glass brain or the 3D view.
      h.append(ParcelView.render(atlas, graph));
      return h.append(qcFc(in, name, names, null)).toString();
    }
    AtlasGeometry geometry = AtlasGeometry.of(atlas);
    List<String> networkPerRegion = order.networksInMatrixOrder();
    h.append(SubjectSection.figure(GlassBrain.render(geometry, graph, networkPerRegion),
        "The mean connectome's graph: nodes at region centroids, sized by PageRank (positive "
            + "weights), coloured by network; the " + graph.strongest().size()
            + " strongest edges."));
    h.append(legend(order.distinctNetworks()));
    h.append(qcFc(in, name, names, geometry));
    if (withViewer) {
      h.append(NiivueView.render(atlas, in.atlasFiles.get(name), geometry, graph,
          networkPerRegion, viewerBundle));
    }
    return h.toString();
  }

  /** NaN-skipping mean of the runs' matrices for this atlas, in the atlas's region order. */
  private static double[][] meanConnectome(ReportInputs in, String atlas, List<String> names) {
    int n = names.size();
    double[][] sum = new double[n][n];
    int[][] count = new int[n][n];
    boolean any = false;
    for (RunData r : in.runs.values()) {
      double[][] m = r.matrices.get(MEAN_MEASURE);
      if (m == null || !atlas.equals(r.atlas)) {
        continue;
      }
      double[][] a = aligned(r, m, names);
      any = true;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double v = a[i][j];
          if (!Double.isNaN(v)) {
            sum[i][j] += v;
            count[i][j]++;
          }
        }
      }
    }
    if (!any) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sum[i][j] = count[i][j] == 0 ? Double.NaN : sum[i][j] / count[i][j];
      }
    }
    return sum;
  }

  /** A run's matrix in the atlas's region order; NaN for regions the run does not have. */
  private static double[][] aligned(RunData r, double[][] m, List<String> names) {
    int n = names.size();
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = r.regions.indexOf(names.get(i));
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = index[i] < 0 || index[j] < 0 ? Double.NaN : m[index[i]][index[j]];
      }
    }
    return out;
  }

  /**
   * QC-FC of the atlas's correlation matrices over the runs that have a mean FD; its distance
   * dependence needs the geometry (null for a grayordinate atlas).
   */
  private static String qcFc(ReportInputs in, String atlas, List<String> names,
      AtlasGeometry geometry) {
    List<double[][]> matrices = new ArrayList<>();
    List<Double> fd = new ArrayList<>();
    for (RunData r : in.runs.values()) {
      double[][] m = r.matrices.get(MEAN_MEASURE);
      double meanFd = r.sidecarNumber("MeanFramewiseDisplacement");
      if (m != null && atlas.equals(r.atlas) && Double.isFinite(meanFd)) {
        matrices.add(aligned(r, m, names));
        fd.add(meanFd);
      }
    }
    StringBuilder h = new StringBuilder("<h4 id=\"qcfc-").append(Html.escape(atlas))
        .append("\">Motion and connectivity (QC-FC)</h4>");
    if (matrices.size() < QcFc.MINIMUM_RUNS) {
      return h.append("<p class=\"note\">QC-FC needs at least ").append(QcFc.MINIMUM_RUNS)
          .append(" runs with a mean framewise displacement; this atlas has ")
          .append(matrices.size()).append(".</p>").toString();
    }
    QcFc q = QcFc.of(matrices, fd.stream().mapToDouble(Double::doubleValue).toArray(), names,
        geometry == null ? null : geometry.centroids());
    h.append("<div class=\"row\">").append(SubjectSection.figure(SvgHistogram.render(
        "QC-FC of " + atlas + " edges", q.values(), -1, 1, 20), "Across " + q.runs()
        + " runs, the correlation of each edge's " + MEAN_MEASURE + " connectivity with the "
        + "runs' mean framewise displacement (Power et al. 2012; Ciric et al. 2017). Values "
        + "near 0 mean motion is not what drives the connectomes' differences."));
    h.append("<table class=\"kv\">");
    kv(h, "runs", String.valueOf(q.runs()));
    kv(h, "edges", String.valueOf(q.values().length));
    kv(h, "median |QC-FC|", Html.number(q.medianAbsolute()));
    kv(h, "edges with p < 0.05 (uncorrected)", Double.isNaN(q.significantFraction()) ? "n/a"
        : Html.number(100 * q.significantFraction()) + "%");
    kv(h, "QC-FC vs distance between regions (r)", Html.number(q.distanceDependence()));
    return h.append("</table></div>").toString();
  }

  private static void kv(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value))
        .append("</td></tr>");
  }

  private static String legend(List<String> networks) {
    StringBuilder h = new StringBuilder("<p class=\"legend\">");
    for (int i = 0; i < networks.size(); i++) {
      h.append("<span><i style=\"background:").append(ColorScale.category(i)).append("\"></i>")
          .append(Html.escape(networks.get(i).isEmpty() ? "(no network)" : networks.get(i)))
          .append("</span>");
    }
    return h.append("</p>").toString();
  }
}
