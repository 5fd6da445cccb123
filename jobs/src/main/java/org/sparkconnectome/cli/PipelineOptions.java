package org.sparkconnectome.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.stage.TaskBudget;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.dwi.DiffusionSettings;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.AtlasLabels;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.network.NetworkSettings;
import picocli.CommandLine.Option;
import org.sparkconnectome.config.UserException;

/**
 * The options {@code run} and {@code nightly} share (an ADAM-style option set): the dataset, the
 * output, the atlases and the settings.
 */
final class PipelineOptions {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineOptions.class);

  @Option(names = "--bids", required = true, paramLabel = "DIR",
      description = "BIDS dataset or fMRIPrep derivatives (path, hdfs:// or s3a://).")
  String bids;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--atlas", paramLabel = "DSEG.nii.gz[:LABEL]",
      description = "Label image with a region table beside it (index, name or label[, network "
          + "or network_label]; TemplateFlow's table without res- is found), or a CIFTI dense "
          + "label file (*.dlabel.nii, for *_bold.dtseries.nii runs; its own label table "
          + "serves when no TSV is beside it); repeatable. "
          + "Outputs are named atlas-LABEL: the given one, else the file's atlas- value, with "
          + "its desc- value appended when another atlas shares the atlas- value. "
          + "Default: every *_dseg.nii[.gz] and *_dseg.dlabel.nii in the dataset's atlas/ "
          + "folder.")
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
    // The --atlas labels and their clashes need no Spark: refuse them before it starts.
    AtlasLabels.assign(atlasFiles.stream().map(AtlasLabels::parse).toList());
    return config;
  }

  /**
   * The --atlas files, or those of the dataset's atlas/ folder, each under its label; two that
   * would write the same label are refused here, before any image is read.
   */
  List<Atlas> atlases(SparkSession spark) throws IOException {
    List<AtlasLabels.Request> requests = new ArrayList<>();
    atlasFiles.forEach(a -> requests.add(AtlasLabels.parse(a)));
    List<String> files = new ArrayList<>(requests.stream().map(AtlasLabels.Request::file)
        .toList());
    if (files.isEmpty()) {
      Path folder = new Path(bids, "atlas");
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.isDirectory(folder)) {
        for (FileStatus s : fs.listStatus(folder)) {
          String name = s.getPath().getName();
          if (name.matches(".*_dseg\\.(dlabel\\.)?nii(\\.gz)?")) {
            files.add(s.getPath().toString());
          }
        }
      }
      files.sort(String::compareTo);
      files.forEach(f -> requests.add(new AtlasLabels.Request(f, null)));
    }
    if (files.isEmpty()) {
      // EEG needs none; a stage that does refuses its runs with what to give (BoldStage).
      // The dataset's folder is not logged: it names users and projects (issue 17, privacy).
      LOG.info("no atlas given and none in the dataset's atlas/ folder: stages that need one "
          + "will say so");
    }
    List<String> labels = AtlasLabels.assign(requests);
    List<Atlas> loaded = new ArrayList<>();
    MemoryBudget budget = TaskBudget.of(config());
    for (int i = 0; i < requests.size(); i++) {
      Atlas atlas = Atlas.load(DataSources.open(requests.get(i).file()), budget)
          .withName(labels.get(i));
      LOG.info("atlas {}: {} ({} regions, table {})", atlas.name(), atlas.fileName(),
          atlas.regions().size(), atlas.table() == null ? "the file's label table"
              : atlas.table().substring(atlas.table().lastIndexOf('/') + 1));
      loaded.add(atlas);
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
