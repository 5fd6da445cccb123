package org.sparkconnectome.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.pipeline.CohortPipeline;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * The committed sample cohort run once per test JVM into {@code target/sample-run}, as a user's
 * {@code connectome run} would (the report included): what the report and notebook tests open.
 */
final class SampleRun {
  private static Path out;

  private SampleRun() {
  }

  /** The output folder, computing it on first use. */
  static synchronized Path out() throws IOException {
    if (out == null) {
      Path dir = Path.of("target", "sample-run").toAbsolutePath();
      delete(dir);
      Path cohort = TestData.sampleCohort();
      Atlas atlas = Atlas.load(DataSources.open(cohort.resolve("atlas")
          .resolve("tpl-MNI152NLin2009cAsym_atlas-Sample_dseg.nii.gz").toString()));
      new CohortPipeline(SharedSpark.get(), PipelineConfig.defaults(), List.of(atlas),
          dir.toUri().toString()).run(cohort.toUri().toString(), List.of(), false);
      new CohortReport(SharedSpark.get(), dir.toUri().toString()).write();
      out = dir;
    }
    return out;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
