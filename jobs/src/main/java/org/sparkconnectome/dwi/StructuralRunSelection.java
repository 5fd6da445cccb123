package org.sparkconnectome.dwi;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.bids.ManifestEntry;

/**
 * Picks the diffusion work from the manifest: every tractogram, and, when own tracking is on, every
 * DWI with gradients whose subject and session have no tractogram.
 */
public final class StructuralRunSelection {
  private StructuralRunSelection() {
  }

  /** The rows (valid or not) of tractograms and of DWIs to track. */
  public static Dataset<Row> rows(Dataset<Row> manifest, boolean ownTracking) {
    Dataset<Row> tractograms = manifest.filter(col("suffix").equalTo("tractography")
        .and(col("extension").isin(".tck", ".trk")));
    if (!ownTracking) {
      return tractograms;
    }
    Dataset<Row> dwis = manifest.filter(col("suffix").equalTo("dwi")
        .and(col("extension").isin(".nii", ".nii.gz"))).alias("d");
    Dataset<Row> visits = tractograms.select("subject", "session").alias("t");
    Column sameVisit = col("d.subject").equalTo(col("t.subject"))
        .and(col("d.session").eqNullSafe(col("t.session")));
    Dataset<Row> untracked = dwis.join(visits, sameVisit, "left_anti");
    return tractograms.unionByName(untracked);
  }

  /** The rows that can be processed: valid ones; DWIs need both gradient files. */
  public static Dataset<Row> runnable(Dataset<Row> rows) {
    return rows.filter(col("status").equalTo(ManifestEntry.VALID)
        .and(col("suffix").equalTo("tractography")
            .or(col("bval").isNotNull().and(col("bvec").isNotNull()))));
  }

  /** The runs of {@link #runnable} rows. */
  public static JavaRDD<StructuralRun> runs(Dataset<Row> rows) {
    return runnable(rows).javaRDD().map(StructuralRunSelection::toRun);
  }

  static StructuralRun toRun(Row row) {
    String path = row.getAs("path");
    Map<String, String> entities = BidsName.entitiesOf(path);
    if (entities.isEmpty()) {
      entities.put("sub", row.getAs("subject"));
    }
    boolean tractogram = "tractography".equals(row.getAs("suffix"));
    return new StructuralRun(entities, path, row.getAs("content_hash"), row.getAs("paired_hash"),
        tractogram ? null : row.getAs("bval"), tractogram ? null : row.getAs("bvec"),
        ManifestEntry.sourceUri(row));
  }
}
