package org.sparkconnectome.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connectome nightly}: {@code run}, recomputing only what changed, published atomically. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
        "Same outputs as 'run', recomputing only new or changed runs: a run is skipped when its "
            + "files (content hash), paired files and sidecars, the atlases and the settings "
            + "are those the previous run-report.json recorded as computed. Failed runs are "
            + "retried. Group-level results are recomputed when any member changed.",
        "Tables are Delta tables (one atomic commit each, history kept); files are staged and "
            + "published only after the run succeeded, so a killed run leaves the previous "
            + "results intact and the next run completes the work."
    })
final class NightlyCommand extends PipelineCommand {

  @Option(names = "--verify-content",
      description = "Read and hash every input file again instead of trusting a file whose "
          + "size, modification time and store checksum are those recorded (repairs a recorded "
          + "hash); runs whose content is unchanged are still skipped.")
  private boolean verifyContent;

  @Override
  protected boolean verifyContent() {
    return verifyContent;
  }

  @Override
  protected String appName() {
    return "nightly";
  }

  @Override
  protected boolean incremental() {
    return true;
  }
}
