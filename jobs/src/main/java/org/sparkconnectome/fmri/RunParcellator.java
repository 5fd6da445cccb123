package org.sparkconnectome.fmri;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.stage.RunFailure;

/**
 * How one run's data becomes region signals: the one step where BOLD volumes (label images) and
 * CIFTI grayordinates (dense label atlases) differ. Everything after it (denoising, censoring,
 * filtering, the connectivity measures, the TSV outputs and tables) is the same code.
 */
public interface RunParcellator extends Serializable {

  /** The run report's {@code pipeline} value of the runs this reads ({@code fmri}, ...). */
  String pipeline();

  /** The atlases the runs are reduced to, in output order. */
  List<Atlas> atlases();

  /** What a region is the mean of, for methods text and sidecars: voxels, grayordinates. */
  default String elements() {
    return "voxels";
  }

  /**
   * Opens the run and checks it against the atlases, reading its header only: a run that
   * cannot be parcellated fails here, before its confounds are read.
   */
  OpenedRun open(FunctionalRun run, DataSource data, FunctionalSettings settings)
      throws IOException, RunFailure;

  /**
   * Files beyond the TSVs that this kind of run's outputs include (CIFTI's parcellated series and
   * connectivity), written under {@code outRoot}; their paths relative to it.
   */
  default List<String> writeExtra(FunctionalRunResult result, Configuration conf,
      String outRoot) throws IOException {
    return List.of();
  }

  /** A run whose header has been read; its data is read once, by {@link #signals}. */
  interface OpenedRun {
    /** Time points in the file, dummy scans included. */
    int volumes();

    /** The TR the file's header gives (seconds), or null. */
    Double headerRepetitionTime();

    /** The reader's doubts about the file, for the run report. */
    List<String> warnings();

    /** One pass over the data: every atlas's region signals, in {@link #atlases} order. */
    List<Parcellation.AtlasSignals> signals() throws IOException, RunFailure;

    /** Warnings the data gave while {@link #signals} read it (non-finite voxels left out). */
    default List<String> signalWarnings() {
      return List.of();
    }
  }
}
