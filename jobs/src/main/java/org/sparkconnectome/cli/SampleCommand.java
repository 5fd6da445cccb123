package org.sparkconnectome.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparkconnectome.sample.EegCohortGenerator;
import org.sparkconnectome.sample.EegCouplingEffect;
import org.sparkconnectome.sample.EegSampleSpec;
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
        "The committed data-samples/sample-cohort is: sample --out ... --subjects 4 --seed 42",
        "With --eeg it writes a raw BIDS-EEG dataset instead (no fMRI files): per subject "
            + "sub-XX/eeg/sub-XX_task-rest_eeg.{edf|bdf|vhdr+vmrk+eeg} (EDF for subjects 1, 4, "
            + "7...; BDF at 256 Hz for 2, 5, 8...; BrainVision for 3, 6, 9..., INT_16 and "
            + "IEEE_FLOAT_32 in turn; 250 Hz otherwise), _eeg.json, _channels.tsv, "
            + "_events.tsv, sub-XX_electrodes.tsv and _coordsystem.json; 19 10-20 channels "
            + "referenced to FCz; O1 O2 Pz P3 P4 share a 10 Hz oscillator (lags 0-20 ms), F3 "
            + "F4 Fz a 20 Hz one (lags 0-10 ms) whose coupling is stronger in patients; T7 of "
            + "sub-02 is bad, sub-03 has three 500 uV artefacts; all in ground_truth.json "
            + "(docs/eeg-sample.md)."
    })
final class SampleCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  private Path out;

  @Option(names = "--subjects", description = "Subjects (default: 4; with --eeg 8).")
  private Integer subjects;

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

  @Option(names = "--float32", description = "Write BOLD as float32 (default int16), as "
      + "fMRIPrep's MNI-space outputs are: what `bench job` times.")
  private boolean float32;

  @Option(names = "--effect", paramLabel = "NETWORK:DELTA",
      description = "Plant a group difference: shift every correlation between regions of "
          + "NETWORK (Visual, Somatomotor, Default) by DELTA in group 'patient', e.g. "
          + "Default:-0.3. Default: none.")
  private String effect;

  @Option(names = "--eeg", description = "Write a BIDS-EEG cohort (EDF, BDF, BrainVision) "
      + "with planted phase coupling instead of the fMRI cohort.")
  private boolean eeg;

  @Option(names = "--eeg-seconds", paramLabel = "SEC",
      description = "With --eeg: seconds per recording (default 60, at least 8).")
  private Integer eegSeconds;

  @Option(names = "--eeg-effect", paramLabel = "CONTROL,PATIENT",
      description = "With --eeg: the beta group's (F3, F4, Fz) coupling in controls and in "
          + "patients, each in [0, 1] (default 0.3,0.8; the alpha group's is 0.95 in both).")
  private String eegEffect;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (eeg) {
      return generateEeg();
    }
    if (eegSeconds != null || eegEffect != null) {
      throw new UserException("--eeg-seconds and --eeg-effect need --eeg");
    }
    int count = subjects == null ? 4 : subjects;
    if (count < 1) {
      throw new UserException("--subjects must be at least 1, got " + count);
    }
    SampleSpec sample = hcp ? SampleSpec.hcp(count, seed) : SampleSpec.defaults(count, seed);
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
    if (float32) {
      sample = sample.withFloatData(true);
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
    spec.commandLine().getOut().printf("Sample cohort of %d subjects written to %s%n", count,
        out.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ConnectomeCli.EXIT_OK;
  }

  private Integer generateEeg() throws Exception {
    if (grid != null || timepoints != null || streamlines != null || dwi || hcp
        || effect != null || float32) {
      throw new UserException("--eeg writes only the EEG cohort: --grid, --timepoints, "
          + "--streamlines, --dwi, --hcp, --float32 and --effect do not apply (use "
          + "--eeg-effect)");
    }
    int count = subjects == null ? 8 : subjects;
    EegSampleSpec sample;
    try {
      sample = EegSampleSpec.defaults(count, seed);
      if (eegSeconds != null) {
        sample = sample.withSeconds(eegSeconds);
      }
      if (eegEffect != null) {
        sample = sample.withBetaCoupling(EegCouplingEffect.parse(eegEffect));
      }
    } catch (IllegalArgumentException e) {
      throw new UserException("--eeg: " + e.getMessage());
    }
    new EegCohortGenerator(sample).generate(out);
    spec.commandLine().getOut().printf("Sample EEG cohort of %d subjects written to %s%n", count,
        out.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ConnectomeCli.EXIT_OK;
  }
}
