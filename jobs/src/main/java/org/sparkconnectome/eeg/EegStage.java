package org.sparkconnectome.eeg;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.spark.StageProgress;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.StageContext;
import org.sparkconnectome.stage.StageTable;
import org.sparkconnectome.stage.TaskBudget;

/**
 * EEG: one task per BIDS-EEG recording ({@code *_eeg.edf}, {@code .bdf}, {@code .vhdr}),
 * band-limited connectivity between the dataset's channels (docs/eeg.md).
 */
public final class EegStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(EegStage.class);

  /**
   * The montage of the pass, found over all its recordings by {@link #inputs} (changed or
   * not: the nodes are the dataset's), for {@link #process}, which sees the changed ones only.
   */
  private List<String> montage;

  @Override
  public String name() {
    return EegJob.PIPELINE;
  }

  @Override
  public String title() {
    return "EEG";
  }

  @Override
  public String perRunWork() {
    return "read, reference, filter, epoch, cross-spectra, connectivity, write";
  }

  @Override
  public String inputsInWords() {
    return "EEG recordings (*_eeg.edf, .bdf, .vhdr)";
  }

  /**
   * The recordings, with the montage folded into their paired hash: a montage that changes
   * (a new channel name in the dataset) recomputes every recording under the new nodes.
   */
  @Override
  public Dataset<Row> inputs(Dataset<Row> manifest, StageContext context) {
    Dataset<Row> recordings = recordings(manifest);
    montage = montage(recordings, context);
    return Montage.withMontageHash(recordings, montage);
  }

  private static Dataset<Row> recordings(Dataset<Row> manifest) {
    return manifest.filter(col("modality").equalTo("eeg").and(col("suffix").equalTo("eeg"))
        .and(lower(col("extension")).isin(".edf", ".bdf", ".vhdr")));
  }

  private static List<String> montage(Dataset<Row> recordings, StageContext context) {
    EegSettings settings = EegSettings.from(context.config());
    Dataset<Row> valid = recordings.filter(col("status").equalTo(ManifestEntry.VALID));
    if (valid.isEmpty()) {
      return List.of();
    }
    return Montage.of(valid, settings, new SerializableHadoopConf(
        context.spark().sparkContext().hadoopConfiguration()));
  }

  @Override
  public List<StageTable> tables() {
    return List.of(new StageTable(EegTables.QC_TABLE, EegTables.QC));
  }

  @Override
  public JavaRDD<RunOutcome> process(Dataset<Row> todo, StageContext context) {
    EegSettings settings = EegSettings.from(context.config());
    List<String> nodes = montage != null ? montage : montage(recordings(todo), context);
    Map<String, String> settingsMap = new LinkedHashMap<>(context.config().section("eeg"));
    EegJob.JobInputs inputs = new EegJob.JobInputs(settings, nodes, settingsMap,
        context.settingsHash(), context.filesRoot(), context.backend(), context.uris(),
        TaskBudget.of(context.config()));
    JavaRDD<EegRecordingRun> runs = todo.filter(col("status").equalTo(ManifestEntry.VALID))
        .javaRDD().map(EegStage::toRun);
    long count = runs.count();
    LOG.info("EEG: {} recordings to compute, {} channels in the montage, measures {}, "
        + "settings {}", count, nodes.size(), String.join(",",
            settings.spectral().measures()), context.settingsHash());
    try (StageProgress progress = new StageProgress(context.spark().sparkContext(), "EEG",
        "recordings", count).start()) {
      JavaRDD<RunOutcome> outcomes = EegJob.process(context.spark(), runs, count, inputs,
          progress.done(), progress.failed());
      outcomes.count();
      return outcomes;
    }
  }

  private static EegRecordingRun toRun(Row row) {
    String path = row.getAs("path");
    Map<String, String> entities = BidsName.entitiesOf(path);
    return new EegRecordingRun(entities, path, row.getAs("content_hash"),
        row.getAs("paired_hash"), row.getAs("sidecar"), ManifestEntry.sourceUri(row));
  }
}
