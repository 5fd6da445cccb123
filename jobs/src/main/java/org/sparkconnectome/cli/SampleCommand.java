package org.sparkconnectome.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparkconnectome.sample.GroupEffect;
import org.sparkconnectome.sample.SampleCohortGenerator;
import org.sparkconnectome.sample.SampleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.sparkconnectome.config.UserException;

/** {@code connectome sample}: generates a synthetic cohort with planted connectivity. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
        "Generate a deterministic fMRIPrep-style cohort (BOLD, confounds, masks, tractograms, "
            + "an atlas) with planted functional and structural connectivity in "
            + "ground_truth.json: for tests, benchmarks and demos.",
        "The committed data-samples/sample-cohort is: sample --out ... --subjects 4 --seed 42"
    })
final class SampleCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  private Path out;

  @Option(names = "--subjects", defaultValue = "4", description = "Subjects (default: 4).")
  private int subjects;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: 42).")
  private long seed;

  @Option(names = "--grid", paramLabel = "X,Y,Z", split = ",",
      description = "Voxel grid (default: 16,20,16 at 4 mm).")
  private int[] grid;

  @Option(names = "--timepoints", paramLabel = "T", description = "Volumes per run (default 150).")
  private Integer timepoints;

  @Option(names = "--streamlines", paramLabel = "M",
      description = "Streamlines per tractogram (default 600; 0 = no tractograms).")
  private Integer streamlines;

  @Option(names = "--dwi", description = "Also write a small synthetic DWI series per subject "
      + "(sub-XX/dwi/sub-XX_dwi.nii.gz + .bval + .bvec: 30 directions and 2 b0 at b=1000) with "
      + "fibre bundles between the planted region pairs, for the own-tracking pipeline.")
  private boolean dwi;

  @Option(names = "--hcp", description = "HCP-sized runs: 91x109x91 voxels of 2 mm, 1200 float32 "
      + "volumes, TR 0.72 s, uncompressed (4.3 GB per subject), for memory benchmarks.")
  private boolean hcp;

  @Option(names = "--effect", paramLabel = "NETWORK:DELTA",
      description = "Plant a group difference: shift every correlation between regions of "
          + "NETWORK (Visual, Somatomotor, Default) by DELTA in group 'patient', e.g. "
          + "Default:-0.3. Default: none.")
  private String effect;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (subjects < 1) {
      throw new UserException("--subjects must be at least 1, got " + subjects);
    }
    SampleSpec sample = hcp ? SampleSpec.hcp(subjects, seed) : SampleSpec.defaults(subjects, seed);
    if (grid != null) {
      if (grid.length != 3 || grid[0] < 4 || grid[1] < 4 || grid[2] < 4) {
        throw new UserException("--grid expects X,Y,Z with each at least 4");
      }
      sample = sample.withGrid(grid);
    }
    if (timepoints != null) {
      if (timepoints < 10) {
        throw new UserException("--timepoints must be at least 10, got " + timepoints);
      }
      sample = sample.withTimepoints(timepoints);
    }
    if (streamlines != null) {
      if (streamlines < 0) {
        throw new UserException("--streamlines must not be negative");
      }
      sample = sample.withStreamlines(streamlines);
    }
    if (effect != null) {
      try {
        sample = sample.withEffect(GroupEffect.parse(effect));
      } catch (IllegalArgumentException e) {
        throw new UserException("--effect: " + e.getMessage());
      }
    }
    SampleCohortGenerator generator;
    try {
      generator = new SampleCohortGenerator(sample, dwi);
    } catch (IllegalArgumentException e) {
      throw new UserException("--effect: " + e.getMessage());
    }
    generator.generate(out);
    spec.commandLine().getOut().printf("Sample cohort of %d subjects written to %s%n", subjects,
        out.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ConnectomeCli.EXIT_OK;
  }
}
