package org.sparkconnectome.eeg;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkconnectome.stage.RunReportTable;
import org.sparkconnectome.stage.RunTables;

/**
 * One BIDS-EEG recording to turn into connectomes, as the manifest describes it.
 *
 * @param entities the recording's BIDS entities in file-name order (sub, ses, task, acq, run)
 * @param path the store URI of the recording (the {@code .edf}, {@code .bdf} or {@code .vhdr})
 * @param sidecar the merged {@code _eeg.json} after BIDS inheritance, or null
 * @param sourceUri the recording's BIDS URI: how outputs and the run report name it
 */
public record EegRecordingRun(Map<String, String> entities, String path, String contentHash,
    String pairedHash, String sidecar, String sourceUri) implements Serializable {

  public EegRecordingRun {
    entities = new LinkedHashMap<>(entities);
  }

  /** What identifies this recording's inputs in the run report ({@code input_hashes}). */
  public Map<String, String> inputHashes() {
    return RunReportTable.inputHashes(sourceUri, contentHash, pairedHash);
  }

  /** A short name for progress lines and reports: the entities that tell runs apart. */
  public String label() {
    return RunTables.label(entities);
  }
}
