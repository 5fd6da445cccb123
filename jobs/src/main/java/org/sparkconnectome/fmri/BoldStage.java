package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.spark.StageProgress;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.StageContext;
import org.sparkconnectome.stage.StageTable;

/**
 * What every BOLD stage shares, whatever its runs' format: the {@code fmri} settings, one task
 * per run (region signals, denoising, connectivity; {@link FunctionalConnectomeJob}), the
 * functional tables, and the group tangent space over all runs when {@code tangent} is among the
 * measures. A subclass says which manifest rows are its runs and how a run becomes region
 * signals ({@link RunParcellator}).
 */
public abstract class BoldStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(BoldStage.class);

  @Override
  public String settingsSection() {
    return "fmri";
  }

  @Override
  public String perRunWork() {
    return "read, denoise, parcellate, connectivity, write";
  }

  /** The BOLD rows of this stage's format, valid or not (before run grouping). */
  protected abstract Dataset<Row> boldRows(Dataset<Row> manifest, StageContext context);

  /** The atlas option this stage's runs need, for messages ({@code --atlas DSEG.nii.gz}). */
  protected abstract String atlasHint();

  /** How this stage's runs become region signals, with the context's atlases of its kind. */
  protected abstract RunParcellator parcellator(StageContext context);

  @Override
  public Dataset<Row> inputs(Dataset<Row> manifest, StageContext context) {
    Dataset<Row> bold = boldRows(manifest, context);
    if (parcellator(context).atlases().isEmpty()) {
      if (context.atlases().isEmpty()) {
        long runs = bold.count();
        if (runs > 0) {
          throw new UserException(runs + " " + inputsInWords() + " found but no atlas: give "
              + atlasHint() + ", or put one in the dataset's atlas/ folder");
        }
      }
      // Atlases of the other kind only (a dlabel atlas and no label volume, or the reverse):
      // these runs are not asked for, and not counted (a Spark job per pass for a log line).
      LOG.info("{}: not run: no atlas of its kind ({})", title(), atlasHint());
      return bold.limit(0);
    }
    if (FunctionalSettings.from(context.config()).combineRuns()) {
      // A combined connectome depends on every run of its group: any change recomputes all.
      bold = FunctionalRunSelection.withGroupPairedHash(bold);
    }
    return bold;
  }

  @Override
  public List<StageTable> tables() {
    return List.of(new StageTable(FunctionalTables.TIMESERIES_TABLE, FunctionalTables.TIMESERIES),
        new StageTable(FunctionalTables.QC_TABLE, FunctionalTables.QC),
        new StageTable(FunctionalTables.REGION_QC_TABLE, FunctionalTables.REGION_QC),
        new StageTable(FunctionalTables.DIRECTED_TABLE, RunTables.DIRECTED_CONNECTOMES));
  }

  private FunctionalConnectomeJob.JobInputs jobInputs(StageContext context) {
    FunctionalSettings settings = FunctionalSettings.from(context.config());
    return new FunctionalConnectomeJob.JobInputs(parcellator(context), settings,
        sidecarSettings(context.config().section("fmri"), settings.strategy(), context.uris()),
        context.settingsHash(), context.filesRoot(), context.backend(), context.uris());
  }

  /**
   * The settings a sidecar records: the {@code fmri.*} values, and the strategy's name and
   * description (a strategy file's path alone does not say what it regresses). Values that name
   * files or folders (a strategy file, extra confounds roots) are given by BIDS URI or by name,
   * never by local path.
   */
  static Map<String, String> sidecarSettings(Map<String, String> section,
      DenoiseStrategy strategy, BidsUris uris) {
    Map<String, String> out = new TreeMap<>();
    section.forEach((key, value) -> out.put(key, withoutPaths(value, uris)));
    out.put("fmri.denoise_name", strategy.name());
    out.put("fmri.denoise_description", strategy.description());
    return out;
  }

  /** A setting's value with each comma-separated path replaced by its BIDS URI or its name. */
  static String withoutPaths(String value, BidsUris uris) {
    if (value == null || !(value.contains("/") || value.contains("\\"))) {
      return value;
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (String part : value.split(",", -1)) {
      String p = part.trim();
      boolean path = p.startsWith("/") || p.matches("[a-zA-Z][a-zA-Z0-9+.-]*:/.*");
      if (!path) {
        parts.add(part);
        continue;
      }
      String uri = uris == null ? null : uris.of(p.startsWith("/") ? "file:" + p : p);
      String name = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
      parts.add(uri != null ? uri : name.substring(name.lastIndexOf('/') + 1));
    }
    return String.join(",", parts);
  }

  @Override
  public JavaRDD<RunOutcome> process(Dataset<Row> todo, StageContext context) {
    FunctionalConnectomeJob.JobInputs inputs = jobInputs(context);
    JavaRDD<FunctionalRun> runs = FunctionalRunSelection.runs(todo);
    long count = runs.count();
    LOG.info("{}: {} runs to compute, {} atlases ({}), settings {}", title(), count,
        inputs.atlases().size(),
        String.join(", ", inputs.atlases().stream().map(Atlas::name).toList()),
        inputs.settingsHash());
    try (StageProgress progress = new StageProgress(context.spark().sparkContext(), title(),
        "runs", count).start()) {
      JavaRDD<RunOutcome> outcomes = inputs.settings().combineRuns()
          ? FunctionalConnectomeJob.processCombined(context.spark(), runs, count, inputs,
              progress.done(), progress.failed())
          : FunctionalConnectomeJob.process(context.spark(), runs, count, inputs,
              progress.done(), progress.failed());
      outcomes.count();
      return outcomes;
    }
  }

  @Override
  public Set<String> cohortMeasures(StageContext context) {
    return FunctionalSettings.from(context.config()).measures()
        .contains(FunctionalSettings.TANGENT) ? Set.of(FunctionalSettings.TANGENT) : Set.of();
  }

  @Override
  public Optional<Dataset<Row>> cohortStep(Dataset<Row> connectomes, Dataset<Row> manifest,
      StageContext context) throws IOException {
    if (cohortMeasures(context).isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(GroupTangent.compute(context.spark(), connectomes,
        jobInputs(context)));
  }
}
