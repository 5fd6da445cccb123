package org.sparkconnectome.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a relmat holds, in the sidecar fields of BEP017 (relationship matrices) that XCP-D writes
 * on its connectivity matrices ({@code RelationshipMeasure}, {@code Weighted}, {@code Directed},
 * {@code ValidDiagonal}, {@code StorageFormat}), plus {@code NonNegative}, so a reader knows
 * whether a value may be negative without reading the matrix.
 *
 * @param relationshipMeasure what a cell is, in words ("Pearson correlation coefficient")
 * @param validDiagonal whether the diagonal carries information (a variance, a self-connection
 *     count), not a constant by construction (a correlation's 1)
 */
public record RelmatMetadata(String relationshipMeasure, boolean weighted, boolean directed,
    boolean validDiagonal, boolean nonNegative) {
  /** Every relmat of ours is written full (both triangles), as XCP-D writes them. */
  public static final String STORAGE_FORMAT = "Full";

  /** An undirected, weighted, possibly negative matrix (correlations, covariances). */
  public static RelmatMetadata signed(String measure, boolean validDiagonal) {
    return new RelmatMetadata(measure, true, false, validDiagonal, false);
  }

  /** An undirected, weighted matrix of values at least 0 (streamline counts, lengths). */
  public static RelmatMetadata nonNegative(String measure, boolean validDiagonal) {
    return new RelmatMetadata(measure, true, false, validDiagonal, true);
  }

  /** Adds the fields to a sidecar. */
  public void putInto(ObjectNode sidecar) {
    sidecar.put("RelationshipMeasure", relationshipMeasure);
    sidecar.put("Weighted", weighted);
    sidecar.put("Directed", directed);
    sidecar.put("ValidDiagonal", validDiagonal);
    sidecar.put("StorageFormat", STORAGE_FORMAT);
    sidecar.put("NonNegative", nonNegative);
  }
}
