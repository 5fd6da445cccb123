package org.sparkconnectome.fmri;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.AtlasSpace;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.config.UserException;

/**
 * Picks the BOLD runs to process from the manifest: fMRIPrep's preprocessed runs
 * ({@code desc-preproc}) when the dataset has them, else the raw BOLD; in the atlas's space
 * when runs exist in several.
 */
public final class FunctionalRunSelection {
  private FunctionalRunSelection() {
  }

  /** The BOLD rows (valid or not) this job is responsible for. */
  public static Dataset<Row> boldRows(Dataset<Row> manifest, String space) {
    Dataset<Row> bold = manifest.filter(col("modality").equalTo("func")
        .and(col("suffix").equalTo("bold"))
        .and(col("extension").isin(".nii", ".nii.gz")));
    if (!bold.filter(col("desc").equalTo("preproc")).isEmpty()) {
      bold = bold.filter(col("desc").equalTo("preproc"));
    }
    if (space != null && !bold.filter(col("space").equalTo(space)).isEmpty()) {
      bold = bold.filter(col("space").equalTo(space));
    }
    return bold;
  }

  /**
   * The BOLD rows with {@code paired_hash} replaced, for runs named with {@code run-}, by one
   * hash over every run of their group (the same name without it): with
   * {@code fmri.combine_runs} a change in one run recomputes its group.
   */
  public static Dataset<Row> withGroupPairedHash(Dataset<Row> boldRows) {
    Column group = regexp_replace(col("path"), "_run-[a-zA-Z0-9]+", "");
    WindowSpec byGroup = Window.partitionBy(col("_group"));
    Column members = sort_array(collect_list(concat_ws("|", col("path"), col("content_hash"),
        coalesce(col("paired_hash"), lit("")))).over(byGroup));
    return boldRows.withColumn("_group", group)
        .withColumn("paired_hash", when(col("_group").equalTo(col("path")), col("paired_hash"))
            .otherwise(concat(lit("sha256:"), sha2(concat_ws("\n", members), 256))))
        .drop("_group");
  }

  /**
   * Refuses before any work an atlas in another template than the runs' when every valid run is
   * in one space (a dataset of several spaces is checked run by run instead).
   */
  public static void refuseOtherTemplates(Dataset<Row> boldRows, List<Atlas> atlases) {
    List<Row> spaces = boldRows.filter(col("status").equalTo(ManifestEntry.VALID))
        .select("space").distinct().limit(2).collectAsList();
    if (spaces.size() != 1 || spaces.get(0).isNullAt(0)) {
      return;
    }
    for (Atlas atlas : atlases) {
      String mismatch = AtlasSpace.mismatch(atlas, spaces.get(0).getString(0),
          "every BOLD run's");
      if (mismatch != null) {
        throw new UserException(mismatch);
      }
    }
  }

  /** The runs to process: the valid BOLD rows as FunctionalRun values. */
  public static JavaRDD<FunctionalRun> runs(Dataset<Row> boldRows) {
    return boldRows.filter(col("status").equalTo(ManifestEntry.VALID)).javaRDD()
        .map(FunctionalRunSelection::toRun);
  }

  /** A valid BOLD row of the manifest as a run. */
  public static FunctionalRun toRun(Row row) {
    String path = row.getAs("path");
    Map<String, String> entities = BidsName.entitiesOf(path);
    if (entities.isEmpty()) {
      entities = new LinkedHashMap<>(Map.of("sub", (String) row.getAs("subject")));
    }
    Object size = row.getAs("size");
    return new FunctionalRun(entities, path, row.getAs("content_hash"), row.getAs("paired_hash"),
        ((Number) size).longValue(), row.getAs("tr"), row.getAs("confounds"),
        ManifestEntry.sourceUri(row));
  }
}
