package org.sparkconnectome.dwi;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkconnectome.stage.RunReportTable;

/**
 * One subject's (or session's) diffusion input: a tractogram from another tool, or a DWI with its
 * gradients for the project's own tensor tracking.
 *
 * @param entities BIDS entities of the source file (the stem of the output names)
 * @param source the tractogram, or the DWI image when {@link #ownTracking()}
 * @param sourceUri the source's BIDS URI: how outputs, tables and the run report name it
 */
public record StructuralRun(Map<String, String> entities, String source, String contentHash,
    String pairedHash, String bval, String bvec, String sourceUri) implements Serializable {

  public StructuralRun {
    entities = new LinkedHashMap<>(entities);
  }

  /** Whether this run needs the project's own tracking (no tractogram was given). */
  public boolean ownTracking() {
    return bval != null;
  }

  /** What identifies this run's inputs in the run report ({@code input_hashes}). */
  public Map<String, String> inputHashes() {
    return RunReportTable.inputHashes(sourceUri, contentHash, pairedHash);
  }

  /** Key grouping the byte-range splits of one run. */
  public String key() {
    return source;
  }
}
