package org.sparkconnectome.voxel;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.fmri.FunctionalRun;
import org.sparkconnectome.fmri.ExtraConfounds;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.fmri.RunDenoising;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.stage.RunTasks;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.HadoopDataSource;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.correlation.CorrelationPrecision;
import org.sparkconnectome.kernels.correlation.Correlators;
import org.sparkconnectome.kernels.correlation.VoxelCorrelator;
import org.sparkconnectome.kernels.correlation.VoxelSeries;

/**
 * One run of the voxel pipeline, inside its Spark task: mask, denoised voxel series, sparse
 * correlation graph (spilled to local disk), centrality maps, then the run's table rows. A run
 * whose data cannot give a result yields a single failed run row; the others are unaffected.
 *
 * <p>Voxel series are not smoothed: {@code fmri.smoothing_fwhm} applies to region signals
 * (C-PAC likewise smooths centrality maps, not the series they come from).
 */
public final class VoxelRunProcessor {

  /**
   * What every task needs; broadcast once.
   *
   * @param uris how reasons name the input files (relative to their dataset)
   * @param taskAttempts how many attempts Spark gives a task ({@link RunTasks#taskAttempts})
   */
  public record Inputs(FunctionalSettings functional, VoxelSettings voxel, List<Atlas> atlases,
      String outRoot, BidsUris uris, int taskAttempts) implements Serializable {
  }

  private VoxelRunProcessor() {
  }

  /** The run's rows ({@link VoxelTables#RECORDS}); maps are written as a side effect. */
  public static Iterator<Row> process(VoxelRun voxelRun, Inputs inputs, Configuration conf)
      throws IOException {
    FunctionalRun run = voxelRun.run();
    Path work = Files.createTempDirectory("voxel-graph-");
    VoxelRows rows = null;
    try {
      DataSource bold = new HadoopDataSource(run.bold(), conf);
      DataSource confounds = run.confounds() == null ? null
          : new HadoopDataSource(run.confounds(), conf);
      NiftiImage image = NiftiImage.open(bold);
      List<String> warnings = new ArrayList<>(image.header().warnings());
      RunDenoising denoising = RunDenoising.prepare(inputs.functional(), run, image.header(),
          bold.name(), confounds,
          ExtraConfounds.find(run, inputs.functional().extraConfounds(), conf));
      warnings.addAll(denoising.warnings());
      VoxelMask mask = mask(voxelRun, inputs, image, conf);
      VoxelSeries series = VoxelSignals.read(image, mask, denoising);
      VoxelSettings settings = inputs.voxel();
      VoxelGraphBuilder builder = new VoxelGraphBuilder(mask.size(), settings.selection(),
          settings.sign(), work);
      VoxelGraph graph;
      try {
        CorrelatorPerJvm.instance(settings.backend(), settings.precision()).correlate(series,
            settings.selection(), builder);
        graph = builder.finish();
      } catch (RuntimeException e) {
        builder.discard();
        throw e;
      }
      EigenvectorCentrality.Result eigen = EigenvectorCentrality.of(graph);
      if (!eigen.converged()) {
        warnings.add("eigenvector centrality did not settle in " + eigen.iterations()
            + " power iterations (the top eigenvalue is not separated): maps are the last "
            + "iterate");
      }
      List<String> outputs = CentralityMaps.write(conf, inputs.outRoot(), run.entities(),
          image.header(), mask, graph, eigen);
      Row runRow = VoxelRows.runRow(voxelRun, VoxelTables.COMPUTED,
          warnings.isEmpty() ? null : String.join(" ", warnings), mask.size(), graph.edges(),
          outputs.toArray(new String[0]));
      rows = new VoxelRows(voxelRun, runRow, mask, graph, eigen, work);
      VoxelRows cleanUp = rows;
      TaskContext task = TaskContext.get();
      if (task != null) {
        // A task killed before the last row still deletes its edge file.
        task.addTaskCompletionListener(
            (org.apache.spark.util.TaskCompletionListener) context -> cleanUp.cleanUp());
      }
      return rows;
    } catch (RunFailure | FormatException e) {
      return failed(voxelRun, inputs.uris().scrub(e.getMessage()), work);
    } catch (IOException e) {
      return failed(voxelRun, inputs.uris().orName(run.bold()) + ": "
          + inputs.uris().scrub(e.getMessage()), work);
    } catch (RuntimeException e) {
      return failed(voxelRun, "internal error (please report): "
          + inputs.uris().scrub(e.toString()), work);
    } catch (OutOfMemoryError e) {
      // As RunTasks: the run's work has unwound, its buffers with it; retried before the task's
      // last attempt, then this run's failure. The scratch folder goes either way.
      String fault;
      try {
        fault = RunTasks.outOfMemoryFault(e, inputs.taskAttempts());
      } catch (RunTasks.RunOutOfMemoryException retried) {
        VoxelRows.deleteTree(work);
        throw retried;
      }
      return failed(voxelRun, inputs.uris().orName(run.bold()) + ": " + fault, work);
    }
  }

  private static Iterator<Row> failed(VoxelRun run, String reason, Path work)
      throws IOException {
    VoxelRows.deleteTree(work);
    return VoxelRows.failed(run, reason);
  }

  private static VoxelMask mask(VoxelRun voxelRun, Inputs inputs, NiftiImage image,
      Configuration conf) throws IOException, RunFailure {
    if (inputs.voxel().maskSource().equals(VoxelSettings.ATLAS)) {
      if (inputs.atlases().isEmpty()) {
        throw new RunFailure("voxel.mask=atlas needs an atlas (--atlas)");
      }
      return VoxelMask.fromAtlas(inputs.atlases().get(0), image.header());
    }
    if (voxelRun.mask() == null) {
      throw new RunFailure("no brain mask for " + voxelRun.run().bold() + " (expected "
          + "fMRIPrep's *_desc-brain_mask.nii.gz with the same entities); set voxel.mask=atlas "
          + "to use the atlas's labelled voxels instead");
    }
    return VoxelMask.fromImage(new HadoopDataSource(voxelRun.mask(), conf), image.header());
  }

  /** The correlator of the chosen backend, created once per executor JVM (GPU context). */
  static final class CorrelatorPerJvm {
    private static VoxelCorrelator instance;
    private static ComputeBackend chosen;
    private static CorrelationPrecision chosenPrecision;

    private CorrelatorPerJvm() {
    }

    static synchronized VoxelCorrelator instance(ComputeBackend backend,
        CorrelationPrecision precision) {
      if (instance == null || chosen != backend || chosenPrecision != precision) {
        instance = Correlators.create(backend, precision);
        chosen = backend;
        chosenPrecision = precision;
      }
      return instance;
    }
  }
}
