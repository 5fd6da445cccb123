package org.sparkconnectome.bids;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.SerializableHadoopConf;

/**
 * Builds the cohort manifest of a BIDS dataset (raw, or fMRIPrep/QSIPrep derivatives, or both
 * under {@code derivatives/}). The driver lists only the dataset roots and their top-level
 * sidecars; each subject folder is listed, validated, hashed and header-read on an executor, so a
 * 50,000-file dataset never passes through the driver one file at a time.
 */
public final class CohortScan {
  private CohortScan() {
  }

  /** The manifest as a Dataset with {@link ManifestEntry#SCHEMA}. */
  public static Dataset<Row> scan(SparkSession spark, String bidsUri) {
    return scan(spark, bidsUri, KnownFiles.none());
  }

  /**
   * The manifest, reusing the content hash of every file {@code known} recorded whose stamp is
   * unchanged (the file is then read only as far as its header).
   */
  public static Dataset<Row> scan(SparkSession spark, String bidsUri, KnownFiles known) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<DatasetRoot> roots = datasetRoots(bidsUri, conf);
    List<SubjectFolder> subjects = new ArrayList<>();
    List<Sidecar> sidecars = new ArrayList<>();
    for (DatasetRoot root : roots) {
      subjects.addAll(root.subjects(conf));
      sidecars.addAll(root.topLevelSidecars(conf));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<List<Sidecar>> sharedSidecars = jsc.broadcast(sidecars);
    Broadcast<KnownFiles> sharedKnown = jsc.broadcast(known);
    SerializableHadoopConf sharedConf = new SerializableHadoopConf(conf);
    int slices = Math.max(1, Math.min(subjects.size(), jsc.defaultParallelism() * 4));
    JavaRDD<Row> rows = jsc.parallelize(subjects, slices).flatMap(folder -> {
      SubjectScanner scanner = new SubjectScanner(sharedConf.get(), sharedSidecars.value(),
          sharedKnown.value());
      List<Row> out = new ArrayList<>();
      for (ManifestEntry entry : scanner.scan(folder)) {
        out.add(entry.toRow());
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, ManifestEntry.SCHEMA);
  }

  /** BIDS URIs for the files of the dataset at {@code bidsUri} and its derivatives. */
  public static BidsUris uris(String bidsUri, Configuration conf) {
    List<BidsUris.Root> roots = new ArrayList<>();
    for (DatasetRoot root : datasetRoots(bidsUri, conf)) {
      String uri = root.path().toString();
      roots.add(new BidsUris.Root(root.label().equals("raw") ? BidsUris.ROOT : root.label(),
          uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri));
    }
    return new BidsUris(roots);
  }

  /** The dataset itself and each pipeline under its {@code derivatives/} folder. */
  static List<DatasetRoot> datasetRoots(String bidsUri, Configuration conf) {
    Path root = new Path(bidsUri);
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new UserException(bidsUri + ": not a directory (give the BIDS dataset's root)");
      }
      Path qualified = fs.makeQualified(root);
      List<DatasetRoot> roots = new ArrayList<>();
      roots.add(new DatasetRoot("raw", qualified));
      Path derivatives = new Path(qualified, "derivatives");
      if (fs.exists(derivatives) && fs.getFileStatus(derivatives).isDirectory()) {
        FileStatus[] pipelines = fs.listStatus(derivatives);
        java.util.Arrays.sort(pipelines, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus pipeline : pipelines) {
          if (pipeline.isDirectory()) {
            roots.add(new DatasetRoot(pipeline.getPath().getName(), pipeline.getPath()));
          }
        }
      }
      return roots;
    } catch (IOException e) {
      throw new UncheckedIOException(bidsUri + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** A folder that holds {@code sub-*} folders and top-level metadata. */
  record DatasetRoot(String label, Path path) {

    List<SubjectFolder> subjects(Configuration conf) {
      List<SubjectFolder> out = new ArrayList<>();
      try {
        FileSystem fs = path.getFileSystem(conf);
        for (FileStatus s : fs.listStatus(path)) {
          String name = s.getPath().getName();
          if (s.isDirectory() && name.startsWith("sub-") && name.length() > 4) {
            out.add(new SubjectFolder(label, path.toString(), s.getPath().toString(),
                name.substring(4)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": cannot list: " + e.getMessage(), e);
      }
      out.sort(Comparator.comparing(SubjectFolder::subject));
      return out;
    }

    /** JSON sidecars at the top of the dataset (task-rest_bold.json), inherited by all. */
    List<Sidecar> topLevelSidecars(Configuration conf) {
      List<Sidecar> out = new ArrayList<>();
      try {
        FileSystem fs = path.getFileSystem(conf);
        for (FileStatus s : fs.listStatus(path)) {
          String name = s.getPath().getName();
          if (!s.isFile() || !name.endsWith(".json") || name.equals("dataset_description.json")
              || name.equals("participants.json")) {
            continue;
          }
          BidsName.Parsed parsed = BidsName.parse(name);
          if (parsed.valid()) {
            try (InputStream in = fs.open(s.getPath())) {
              out.add(new Sidecar(path.toString(), parsed.name(),
                  new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": cannot read sidecars: " + e.getMessage(), e);
      }
      return out;
    }
  }
}
