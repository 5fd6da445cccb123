package org.sparkconnectome.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.dwi.DiffusionSettings;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.network.NetworkSettings;
import picocli.CommandLine.Option;
import org.sparkconnectome.config.UserException;

/**
 * The options {@code run} and {@code nightly} share (an ADAM-style option set): the dataset, the
 * output, the atlases and the settings.
 */
final class PipelineOptions {

  @Option(names = "--bids", required = true, paramLabel = "DIR",
      description = "BIDS dataset or fMRIPrep derivatives (path, hdfs:// or s3a://).")
  String bids;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--atlas", paramLabel = "DSEG.nii.gz",
      description = "Label image with a .tsv beside it (index, name[, network]); repeatable. "
          + "Default: every *_dseg.nii[.gz] in the dataset's atlas/ folder.")
  List<String> atlasFiles = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML settings over the defaults of conf/pipeline.yaml.")
  String configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "One setting, e.g. fmri.denoise=24P; repeatable; wins over --config.")
  List<String> assignments = new ArrayList<>();

  @Option(names = "--participant-label", paramLabel = "LABEL",
      description = "Process only these subjects (without 'sub-'); repeatable.")
  List<String> participants = new ArrayList<>();

  /** Defaults, then --config, then --set; every section checked before Spark starts. */
  PipelineConfig config() {
    PipelineConfig config = PipelineConfig.defaults();
    if (configFile != null) {
      try (InputStream in = DataSources.open(configFile).openStream()) {
        config = config.withYaml(in, configFile);
      } catch (IOException e) {
        throw new UserException(configFile + ": cannot read: " + e.getMessage());
      }
    }
    for (String assignment : assignments) {
      config = config.withAssignment(assignment);
    }
    FunctionalSettings.from(config);
    NetworkSettings.from(config);
    DiffusionSettings.from(config);
    return config;
  }

  /** The --atlas files, or those of the dataset's atlas/ folder. */
  List<Atlas> atlases(SparkSession spark) throws IOException {
    List<String> files = new ArrayList<>(atlasFiles);
    if (files.isEmpty()) {
      Path folder = new Path(bids, "atlas");
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.isDirectory(folder)) {
        for (FileStatus s : fs.listStatus(folder)) {
          String name = s.getPath().getName();
          if (name.matches(".*_dseg\\.nii(\\.gz)?")) {
            files.add(s.getPath().toString());
          }
        }
      }
      files.sort(String::compareTo);
    }
    if (files.isEmpty()) {
      throw new UserException("no atlas: give --atlas DSEG.nii.gz (a label image with a .tsv "
          + "of index and name beside it), or put one in " + bids + "/atlas/");
    }
    List<Atlas> loaded = new ArrayList<>();
    for (String file : files) {
      loaded.add(Atlas.load(DataSources.open(file)));
    }
    return loaded;
  }

  /** Absolute, scheme-qualified, so that executors on other machines resolve it alike. */
  static String qualified(SparkSession spark, String pathOrUri) throws IOException {
    Path path = new Path(pathOrUri);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.makeQualified(path).toString();
  }
}
