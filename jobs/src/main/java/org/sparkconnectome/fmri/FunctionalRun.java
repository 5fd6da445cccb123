package org.sparkconnectome.fmri;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkconnectome.stage.RunReportTable;
import org.sparkconnectome.stage.RunTables;

/**
 * One preprocessed BOLD run to turn into connectomes, as the manifest describes it.
 *
 * @param entities the run's BIDS entities in file-name order (sub, ses, task, acq, run, space,
 *     res, ...), the source of the output names
 * @param repetitionTime seconds, from the sidecar or the header; null when neither says
 * @param confounds URI of the paired confounds TSV, or null
 * @param pairedHash hash over the sidecar and paired files (see the manifest)
 * @param sourceUri the BOLD's BIDS URI: how outputs, tables and the run report name it (never
 *     by its absolute path)
 */
public record FunctionalRun(Map<String, String> entities, String bold, String contentHash,
    String pairedHash, long size, Double repetitionTime, String confounds, String sourceUri)
    implements Serializable {

  public FunctionalRun {
    entities = new LinkedHashMap<>(entities);
  }

  /** What identifies this run's inputs in the run report ({@code input_hashes}). */
  public Map<String, String> inputHashes() {
    return RunReportTable.inputHashes(sourceUri, contentHash, pairedHash);
  }

  public String subject() {
    return entities.get("sub");
  }

  public String session() {
    return entities.get("ses");
  }

  /** A short name for progress lines and reports: the entities that tell runs apart. */
  public String label() {
    return RunTables.label(entities);
  }
}
