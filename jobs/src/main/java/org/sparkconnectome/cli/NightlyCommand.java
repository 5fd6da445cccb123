package org.sparkconnectome.cli;

import picocli.CommandLine.Command;

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

  @Override
  protected String appName() {
    return "nightly";
  }

  @Override
  protected boolean incremental() {
    return true;
  }
}
