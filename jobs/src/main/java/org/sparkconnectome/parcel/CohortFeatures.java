package org.sparkconnectome.parcel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.atlas.AffineMath;
import org.sparkconnectome.bids.CohortScan;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.fmri.FunctionalRunSelection;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.voxel.VoxelMask;
import org.sparkconnectome.voxel.VoxelRun;
import org.sparkconnectome.voxel.VoxelStage;

/**
 * The group feature matrix of a cohort, built on Spark with one task per BOLD run: a first pass
 * finds each run's grid and usable voxels (the group mask is their intersection, within
 * {@code --mask} when given), a second reads, cleans and standardises the mask's series. The
 * matrix (voxels x all kept volumes of all runs, runs in path order) is then held on the driver,
 * which is what bounds the cohort: 8 bytes x voxels x total volumes.
 *
 * @param graph the mask's 6-neighbour graph (node order of the rows)
 * @param affine the runs' common affine
 * @param features row-major, one row per node, {@code width} values
 * @param runs each run's subject, name and column range, in column order
 * @param failed runs left out and why
 */
public record CohortFeatures(GridGraph graph, double[][] affine, double[] features, int width,
    List<RunColumns> runs, List<String> failed, String maskSource)
    implements java.io.Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(CohortFeatures.class);

  /** Where one run's standardised series sit in the feature rows. */
  public record RunColumns(String subject, String bold, int from, int count)
      implements java.io.Serializable {
  }

  /** Reads the cohort of {@code bids}; refuses runs on different grids, naming the file. */
  public static CohortFeatures read(SparkSession spark, String bids, String maskFile,
      FunctionalSettings settings) throws IOException {
    Dataset<Row> manifest = CohortScan.scan(spark, bids).cache();
    Dataset<Row> boldRows = FunctionalRunSelection.boldRows(manifest, null);
    JavaRDD<VoxelRun> runs = VoxelStage.runs(boldRows, manifest).cache();
    long count = runs.count();
    if (count == 0) {
      throw new UserException(bids + ": no valid BOLD runs to parcellate");
    }
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    int partitions = (int) Math.min(count, 100_000);
    JavaRDD<RunGrid> grids = runs.repartition(partitions).map(r -> RunGrid.of(r, conf.get()))
        .cache();
    List<String> failed = new ArrayList<>(grids.filter(g -> g.failure() != null)
        .map(g -> g.bold() + ": " + g.failure()).take(1000));
    JavaRDD<RunGrid> good = grids.filter(g -> g.failure() == null);
    if (good.isEmpty()) {
      throw new UserException("no BOLD run of " + bids + " could be read: " + failed);
    }
    RunGrid first = good.first();
    int[] shape = first.shape();
    double[][] affine = first.affine();
    List<RunGrid> other = good.filter(g -> !java.util.Arrays.equals(g.shape(), shape)
        || !AffineMath.close(g.affine(), affine, 1e-3)).take(1);
    if (!other.isEmpty()) {
      throw new UserException(other.get(0).bold() + ": its grid (shape "
          + java.util.Arrays.toString(other.get(0).shape()) + ") differs from " + first.bold()
          + "'s " + java.util.Arrays.toString(shape) + " or its affine does: a group "
          + "parcellation needs every run on one grid (resample them to one space first)");
    }
    boolean[] usable = good.map(RunGrid::usable).reduce((a, b) -> {
      boolean[] both = new boolean[a.length];
      for (int v = 0; v < a.length; v++) {
        both[v] = a[v] && b[v];
      }
      return both;
    });
    String maskSource = runs.filter(r -> r.mask() == null).isEmpty()
        ? "fMRIPrep brain masks" : "voxels with non-zero variance";
    if (maskFile != null) {
      restrict(usable, maskFile, shape, affine);
      maskSource = "--mask " + maskFile.substring(maskFile.lastIndexOf('/') + 1);
    }
    grids.unpersist();
    GridGraph graph = GridGraph.of(shape, usable);
    if (graph.size() < 2) {
      throw new UserException("the group mask (" + maskSource + ", voxels with non-zero "
          + "variance in every run) holds " + graph.size() + " voxels: nothing to parcellate");
    }
    LOG.info("parcellate: {} runs, group mask of {} voxels ({})", count, graph.size(),
        maskSource);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // VoxelMask is a plain record: its arrays travel, the task rebuilds it.
    Broadcast<int[]> sharedVoxels = jsc.broadcast(graph.voxels());
    JavaRDD<RunFeatures> parts = runs.repartition(partitions)
        .map(r -> RunFeatures.of(r, new VoxelMask(shape, sharedVoxels.value()), settings,
            conf.get()))
        .sortBy(RunFeatures::graph, true, partitions);
    List<RunFeatures> kept = new ArrayList<>();
    int width = 0;
    // The runs come to the driver one partition at a time: it holds the matrix, no more.
    for (Iterator<RunFeatures> it = parts.toLocalIterator(); it.hasNext();) {
      RunFeatures part = it.next();
      if (part.failure() != null) {
        failed.add(part.bold() + ": " + part.failure());
      } else {
        kept.add(part);
        width += part.volumes();
      }
    }
    runs.unpersist();
    manifest.unpersist();
    if (kept.isEmpty()) {
      throw new UserException("no BOLD run of " + bids + " gave features: " + failed);
    }
    int n = graph.size();
    double[] features = new double[Math.multiplyExact(n, width)];
    List<RunColumns> columns = new ArrayList<>();
    int from = 0;
    for (RunFeatures part : kept) {
      int t = part.volumes();
      float[] series = part.series();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < t; k++) {
          features[i * width + from + k] = series[i * t + k];
        }
      }
      columns.add(new RunColumns(part.subject(), part.bold(), from, t));
      from += t;
    }
    failed.forEach(f -> LOG.warn("parcellate: left out {}", f));
    return new CohortFeatures(graph, affine, features, width, columns, failed, maskSource);
  }

  /** The columns of these runs only (a split half or a bootstrap resample, repeats allowed). */
  public double[] columnsOf(List<RunColumns> chosen) {
    int w = 0;
    for (RunColumns c : chosen) {
      w += c.count();
    }
    int n = graph.size();
    double[] out = new double[Math.multiplyExact(n, w)];
    for (int i = 0; i < n; i++) {
      int at = i * w;
      for (RunColumns c : chosen) {
        System.arraycopy(features, i * width + c.from(), out, at, c.count());
        at += c.count();
      }
    }
    return out;
  }

  /**
   * The features of these runs only, as a cohort of its own (a split half or a bootstrap
   * resample, repeats allowed): run {@code i}'s columns at the volume indices
   * {@code volumes.get(i)} (its own 0..count-1; null: all, in order).
   */
  public CohortFeatures sample(List<RunColumns> chosen, List<int[]> volumes) {
    int w = 0;
    for (int r = 0; r < chosen.size(); r++) {
      w += volumes == null || volumes.get(r) == null ? chosen.get(r).count()
          : volumes.get(r).length;
    }
    int n = graph.size();
    double[] out = new double[Math.multiplyExact(n, w)];
    List<RunColumns> columns = new ArrayList<>();
    int at = 0;
    for (int r = 0; r < chosen.size(); r++) {
      RunColumns c = chosen.get(r);
      int[] picked = volumes == null ? null : volumes.get(r);
      int count = picked == null ? c.count() : picked.length;
      for (int i = 0; i < n; i++) {
        int row = i * width + c.from();
        if (picked == null) {
          System.arraycopy(features, row, out, i * w + at, count);
        } else {
          for (int t = 0; t < count; t++) {
            out[i * w + at + t] = features[row + picked[t]];
          }
        }
      }
      columns.add(new RunColumns(c.subject(), c.bold(), at, count));
      at += count;
    }
    return new CohortFeatures(graph, affine, out, w, columns, List.of(), maskSource);
  }

  private static void restrict(boolean[] usable, String maskFile, int[] shape,
      double[][] affine) throws IOException {
    NiftiImage image = NiftiImage.open(DataSources.open(maskFile));
    var header = image.header();
    for (int axis = 0; axis < 3; axis++) {
      if (header.dim(axis) != shape[axis]) {
        throw new UserException(maskFile + ": mask shape " + header.shapeText() + " does not "
            + "match the BOLD grid " + java.util.Arrays.toString(shape));
      }
    }
    if (!AffineMath.close(header.affine(), affine, 1e-3)) {
      throw new UserException(maskFile + ": the mask's affine differs from the BOLD runs': "
          + "they are not on one grid");
    }
    boolean[] inMask = new boolean[usable.length];
    image.scan((firstVoxel, values, n) -> {
      for (int i = 0; i < n && firstVoxel + i < usable.length; i++) {
        inMask[(int) (firstVoxel + i)] = values[i] != 0 && !Double.isNaN(values[i]);
      }
    });
    for (int v = 0; v < usable.length; v++) {
      usable[v] &= inMask[v];
    }
  }
}
