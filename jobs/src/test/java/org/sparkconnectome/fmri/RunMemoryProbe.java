package org.sparkconnectome.fmri;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.LocalDataSource;

/**
 * The child JVM of {@link RunMemoryTest}: {@code RunMemoryProbe RUNS BOLD CONFOUNDS} processes
 * the run RUNS times at once (one thread each, as an executor with RUNS cores does), with the
 * default fMRI settings and measures against 100 block regions on the run's grid, and prints
 * {@code ok} with the peak heap use. An {@code OutOfMemoryError} ends it with a non-zero status.
 */
public final class RunMemoryProbe {
  private RunMemoryProbe() {
  }

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    DataSource bold = new LocalDataSource(java.nio.file.Path.of(args[1]));
    DataSource confounds = new LocalDataSource(java.nio.file.Path.of(args[2]));
    NiftiHeader header = NiftiImage.open(bold).header();
    Atlas atlas = blocks(header);
    FunctionalSettings settings = FunctionalSettings.from(PipelineConfig.defaults());
    FunctionalRunProcessor processor = new FunctionalRunProcessor(settings, List.of(atlas),
        null);
    FunctionalRun run = new FunctionalRun(Map.of("sub", "01", "task", "rest",
        "space", "MNI152NLin2009cAsym", "desc", "preproc"), bold.name(), "sha256:x",
        "sha256:y", bold.size(), null, confounds.name(), "bids:probe:" + bold.fileName());
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    List<Future<FunctionalRunResult>> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      results.add(pool.submit(() -> processor.process(run, bold, confounds, List.of())));
    }
    int regions = 0;
    for (Future<FunctionalRunResult> result : results) {
      regions = result.get().atlases().get(0).matrices().get("pearson").size();
    }
    pool.shutdown();
    long peak = 0;
    for (MemoryPoolMXBean pool2 : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool2.getType() == MemoryType.HEAP) {
        peak += pool2.getPeakUsage().getUsed();
      }
    }
    System.out.println("ok runs=" + runs + " regions=" + regions + " volumes="
        + header.volumeCount() + " max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " peak_heap_mb=" + peak / (1 << 20));
  }

  /** 100 regions: 10 slabs along x times 10 along z, each through every y. */
  static Atlas blocks(NiftiHeader header) {
    int nx = (int) header.dim(0);
    int ny = (int) header.dim(1);
    int nz = (int) header.dim(2);
    int[] labels = new int[nx * ny * nz];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          labels[x + nx * (y + ny * z)] = 1 + x * 10 / nx + 10 * (z * 10 / nz);
        }
      }
    }
    List<Atlas.Region> regions = new ArrayList<>();
    for (int r = 1; r <= 100; r++) {
      regions.add(new Atlas.Region(r, "block" + r, null, null));
    }
    return new Atlas("Blocks", "tpl-MNI152NLin2009cAsym_atlas-Blocks_dseg.nii.gz",
        new int[] {nx, ny, nz}, header.affine(), labels, regions);
  }
}
