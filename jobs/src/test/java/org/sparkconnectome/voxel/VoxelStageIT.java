package org.sparkconnectome.voxel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.graph.WeightedGraph;
import org.sparkconnectome.graph.metrics.Centrality;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;
import picocli.CommandLine;

/**
 * {@code run --set voxel.enabled=true} on the committed sample cohort, with denoising off so
 * that the test can compute the voxel correlations from the BOLD file on its own.
 */
@Tag("spark")
class VoxelStageIT {
  /** Above C-PAC's 0.25 to keep the sample's planted networks to fewer edges (test time). */
  private static final double THRESHOLD = 0.45;
  private static final String PREFIX = "sub-01_task-rest_space-MNI152NLin2009cAsym_";

  @TempDir
  static Path out;
  private static int exitCode;
  private static String err;

  @BeforeAll
  static void runSample() {
    SharedSpark.get();
    StringWriter errors = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(errors, true));
    exitCode = cli.execute("run", "--bids", TestData.sampleCohort().toString(), "--out",
        out.toString(), "--set", "voxel.enabled=true", "--set", "fmri.denoise=none",
        "--set", "fmri.detrend=none", "--set", "fmri.bandpass=off", "--set",
        "fmri.fd_threshold=0", "--set", "fmri.dummy_scans=0", "--set",
        "fmri.min_clean_seconds=0", "--set", "voxel.threshold=" + THRESHOLD,
        // One subject keeps the test to a couple of minutes on two cores.
        "--participant-label", "01", "--set", "graph.null_graphs=0", "--set",
        "report.enabled=false");
    err = errors.toString();
  }

  @Test
  void mapsHaveTheBoldGridAndTheDegreeMapCountsCorrelationsAboveThreshold()
      throws IOException {
    assertEquals(0, exitCode, err);
    Path func = TestData.sampleCohort().resolve("sub-01/func");
    NiftiImage bold = NiftiImage.open(new LocalDataSource(func.resolve(PREFIX
        + "desc-preproc_bold.nii.gz")));
    NiftiHeader header = bold.header();
    double[] mask = volume(NiftiImage.open(new LocalDataSource(func.resolve(PREFIX
        + "desc-brain_mask.nii.gz"))), 0);
    int perVolume = mask.length;
    int volumes = (int) header.volumeCount();
    int[] voxels = java.util.stream.IntStream.range(0, perVolume).filter(i -> mask[i] != 0)
        .toArray();
    assertTrue(voxels.length > 1000, "the sample mask has ~2700 voxels");
    double[][] z = new double[voxels.length][volumes];
    for (int t = 0; t < volumes; t++) {
      double[] v = volume(bold, t);
      for (int i = 0; i < voxels.length; i++) {
        z[i][t] = v[voxels[i]];
      }
    }
    for (double[] s : z) {
      zScore(s);
    }
    NiftiImage degreeMap = map(CentralityMaps.DEGREE);
    NiftiImage strengthMap = map(CentralityMaps.WEIGHTED_DEGREE);
    NiftiImage eigenMap = map(CentralityMaps.EIGENVECTOR);
    for (NiftiImage m : List.of(degreeMap, strengthMap, eigenMap)) {
      assertArrayEquals(new long[] {header.dim(0), header.dim(1), header.dim(2)},
          m.header().shape());
      for (int r = 0; r < 4; r++) {
        assertArrayEquals(header.affine()[r], m.header().affine()[r], 1e-5);
      }
    }
    double[] degree = volume(degreeMap, 0);
    double[] strength = volume(strengthMap, 0);
    double[] eigen = volume(eigenMap, 0);
    double eigenNorm = 0;
    int exact = 0;
    for (int i = 0; i < voxels.length; i++) {
      int low = 0;
      int high = 0;
      double weight = 0;
      for (int j = 0; j < voxels.length; j++) {
        if (j == i) {
          continue;
        }
        double r = dot(z[i], z[j]);
        low += r >= THRESHOLD + 1e-5 ? 1 : 0;
        if (r >= THRESHOLD - 1e-5) {
          high++;
          weight += r;
        }
      }
      double d = degree[voxels[i]];
      assertTrue(d >= low && d <= high, "degree of voxel " + voxels[i] + ": " + d
          + " outside [" + low + ", " + high + "]");
      if (low == high) {
        exact++;
        assertEquals(weight, strength[voxels[i]], 1e-3 * Math.max(1, weight));
      }
      assertTrue(eigen[voxels[i]] >= 0);
      eigenNorm += eigen[voxels[i]] * eigen[voxels[i]];
    }
    assertTrue(exact > voxels.length * 0.9, "few voxels have r within 1e-5 of the threshold");
    assertEquals(1, eigenNorm, 1e-4);
    for (int v = 0; v < perVolume; v++) {
      if (mask[v] == 0) {
        assertEquals(0, degree[v], "outside the mask");
      }
    }
  }

  @Test
  void tablesHoldEveryRunAndPageRankAgreesWithThePerSubjectImplementation() {
    assertEquals(0, exitCode, err);
    SparkSession spark = SharedSpark.get();
    Dataset<Row> runs = spark.read().format("delta")
        .load(out.resolve("tables/voxel_runs").toString());
    assertEquals(1, runs.filter("status = 'computed'").count(), runs.collectAsList()
        .toString());
    Dataset<Row> edges = spark.read().format("delta")
        .load(out.resolve("tables/voxel_edges").toString());
    for (String c : new String[] {"graph", "subject", "src", "dst", "weight", "correlation"}) {
      assertTrue(List.of(edges.columns()).contains(c), c);
    }
    Row sub01 = runs.filter("subject = '01'").first();
    long graph = sub01.getLong(sub01.fieldIndex("graph"));
    assertEquals(4, sub01.getList(sub01.fieldIndex("outputs")).size());
    List<Row> runEdges = edges.filter("graph = " + graph).collectAsList();
    assertEquals(sub01.getLong(sub01.fieldIndex("edges")), runEdges.size());

    Dataset<Row> pagerank = spark.read().format("delta")
        .load(out.resolve("tables/voxel_pagerank")
        .toString()).filter("graph = " + graph).orderBy("id");
    List<Row> ranks = pagerank.collectAsList();
    int n = (int) sub01.getLong(sub01.fieldIndex("voxels"));
    assertEquals(n, ranks.size());
    java.util.Map<Long, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(ranks.get(i).getLong(ranks.get(i).fieldIndex("id")), i);
    }
    double[][] m = new double[n][n];
    for (Row e : runEdges) {
      int a = index.get(e.getLong(e.fieldIndex("src")));
      int b = index.get(e.getLong(e.fieldIndex("dst")));
      m[a][b] = e.getDouble(e.fieldIndex("weight"));
      m[b][a] = m[a][b];
    }
    double[] expected = Centrality.pageRank(WeightedGraph.of(m));
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i], ranks.get(i).getDouble(ranks.get(i).fieldIndex("pagerank")),
          1e-6);
    }
  }

  private static NiftiImage map(String statistic) throws IOException {
    return NiftiImage.open(new LocalDataSource(out.resolve("sub-01/func/" + PREFIX + "stat-"
        + statistic + "_boldmap.nii.gz")));
  }

  private static double[] volume(NiftiImage image, int t) throws IOException {
    double[] v = new double[(int) image.header().voxelsPerVolume()];
    image.readVolume(t, v);
    return v;
  }

  private static void zScore(double[] s) {
    double mean = 0;
    for (double v : s) {
      mean += v;
    }
    mean /= s.length;
    double ss = 0;
    for (int t = 0; t < s.length; t++) {
      s[t] -= mean;
      ss += s[t] * s[t];
    }
    double scale = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (int t = 0; t < s.length; t++) {
      s[t] *= scale;
    }
  }

  private static double dot(double[] a, double[] b) {
    double d = 0;
    for (int t = 0; t < a.length; t++) {
      d += a[t] * b[t];
    }
    return d;
  }
}
