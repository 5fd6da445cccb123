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
import org.sparkconnectome.fmri.Atlas;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.fmri.RunReportWriter;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.pipeline.CohortPipeline;
import org.sparkconnectome.spark.SparkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code connectome run}: connectomes for every run of a cohort. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Turn a cohort of preprocessed BOLD runs (fMRIPrep derivatives or raw BIDS) into region "
            + "time series and connectivity matrices, one Spark task per run.",
        "Writes XCP-D-style derivatives under OUT/sub-*/, Spark tables under OUT/tables/ and "
            + "OUT/run-report.json. Exit code 0: all runs computed; 3: some failed (the rest "
            + "are complete); 2: usage or configuration error."
    })
final class RunCommand extends SparkCommand {

  @Option(names = "--bids", required = true, paramLabel = "DIR",
      description = "BIDS dataset or fMRIPrep derivatives (path, hdfs:// or s3a://).")
  private String bids;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  private String out;

  @Option(names = "--atlas", paramLabel = "DSEG.nii.gz",
      description = "Label image with a .tsv beside it (index, name[, network]); repeatable. "
          + "Default: every *_dseg.nii[.gz] in the dataset's atlas/ folder.")
  private List<String> atlasFiles = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML settings over the defaults of conf/pipeline.yaml.")
  private String configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "One setting, e.g. fmri.denoise=24P; repeatable; wins over --config.")
  private List<String> assignments = new ArrayList<>();

  @Option(names = "--participant-label", paramLabel = "LABEL",
      description = "Process only these subjects (without 'sub-'); repeatable.")
  private List<String> participants = new ArrayList<>();

  @Spec
  private CommandSpec spec;

  private PipelineConfig config;
  private List<Atlas> atlases;

  @Override
  protected String appName() {
    return "run";
  }

  @Override
  protected void validateOptions() {
    config = PipelineConfig.defaults();
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
    org.sparkconnectome.network.NetworkSettings.from(config);
    org.sparkconnectome.dwi.DiffusionSettings.from(config);
  }

  @Override
  protected int runWithSpark(SparkSession spark) throws Exception {
    atlases = loadAtlases(spark);
    String outRoot = qualified(spark, out);
    RunReportWriter.Counts counts = new CohortPipeline(spark, config, atlases, outRoot)
        .run(qualified(spark, bids), participants, false);
    spec.commandLine().getOut().printf("%d runs: %d computed, %d skipped, %d failed.%n"
        + "Results: %s (run-report.json, sub-*/, tables/)%n", counts.total(), counts.computed(),
        counts.skipped(), counts.failed(), outRoot);
    spec.commandLine().getOut().flush();
    return counts.failed() > 0 ? ConnectomeCli.EXIT_PARTIAL : ConnectomeCli.EXIT_OK;
  }

  private List<Atlas> loadAtlases(SparkSession spark) throws IOException {
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
  private static String qualified(SparkSession spark, String pathOrUri) throws IOException {
    Path path = new Path(pathOrUri);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.makeQualified(path).toString();
  }
}
