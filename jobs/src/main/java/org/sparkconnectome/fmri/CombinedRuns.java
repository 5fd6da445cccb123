package org.sparkconnectome.fmri;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.sparkconnectome.atlas.SourcedataAtlases;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.Segments;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.stage.DerivativeNames;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.stage.RunTables;

/**
 * XCP-D's {@code --combine-runs} ({@code fmri.combine_runs}): a subject's runs of one task
 * (same entities but {@code run}) concatenated after each was denoised and censored on its own,
 * and the connectivity measures computed on the concatenation. Written as the runs' names
 * without {@code run-}; the sidecar gives each run's place in the concatenated series. As in
 * XCP-D, only runs named with {@code run-} are combined, and the runs of a group must share
 * their repetition time. Unlike XCP-D, runs that differ only in {@code dir-} are not combined:
 * the connectome table's key has no {@code dir} to tell their combination from its runs.
 */
final class CombinedRuns {
  /** The entity that tells the runs of one group apart, left out of the combined name. */
  static final Set<String> RUN_ENTITIES = Set.of("run");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** XCP-D's order within a group: by run (numerically), then name. */
  static final Comparator<FunctionalRun> RUN_ORDER = Comparator
      .comparing((FunctionalRun r) -> number(r.entities().get("run")))
      .thenComparing(r -> String.valueOf(r.entities().get("run")))
      .thenComparing(FunctionalRun::bold);

  private CombinedRuns() {
  }

  private static long number(String label) {
    if (label == null || !label.matches("[0-9]{1,18}")) {
      return Long.MAX_VALUE;
    }
    return Long.parseLong(label);
  }

  /** What combining a group gave: its connectome and directed rows, files and notes. */
  record Combined(List<Row> connectomes, List<Row> directed, List<String> outputs,
      List<String> warnings) {
  }

  /** The entities of the combined output: the run's without {@code run}. */
  static Map<String, String> groupEntities(Map<String, String> entities) {
    Map<String, String> out = new LinkedHashMap<>(entities);
    out.keySet().removeAll(RUN_ENTITIES);
    return out;
  }

  /** Whether a run takes part in combining (its name has {@code run-}). */
  static boolean combinable(FunctionalRun run) {
    return RUN_ENTITIES.stream().anyMatch(run.entities()::containsKey);
  }

  /** The key that groups runs: the entities without {@code run}. */
  static String groupKey(FunctionalRun run) {
    if (!combinable(run)) {
      return run.bold();
    }
    StringBuilder b = new StringBuilder();
    groupEntities(run.entities()).forEach((k, v) -> b.append(k).append('-').append(v)
        .append('_'));
    return b.toString();
  }

  /**
   * Concatenates the runs' denoised region series (in the given order, which is the runs'
   * order), computes the per-run measures of the settings on it and writes the files; a region
   * that is n/a in any run is n/a in the combination.
   */
  static Combined write(List<FunctionalRunResult> results,
      FunctionalConnectomeJob.JobInputs inputs, Configuration conf)
      throws IOException, RunFailure {
    FunctionalRunResult first = results.get(0);
    for (FunctionalRunResult r : results) {
      if (Math.abs(r.repetitionTime() - first.repetitionTime()) > 1e-6) {
        throw new RunFailure(String.format(Locale.ROOT, "fmri.combine_runs: %s has TR %s s "
            + "and %s %s s; runs of different TRs cannot be combined", r.run().label(),
            r.repetitionTime(), first.run().label(), first.repetitionTime()));
      }
    }
    Map<String, String> entities = groupEntities(first.run().entities());
    FunctionalSettings settings = inputs.settings();
    FunctionalOutputWriter writer = inputs.writer(conf);
    List<Row> rows = new ArrayList<>();
    List<Row> directed = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int a = 0; a < first.atlases().size(); a++) {
      String atlas = first.atlases().get(a).atlas();
      List<String> regions = first.atlases().get(a).regions();
      List<TimeSeries> parts = new ArrayList<>();
      Segments[] stretches = new Segments[results.size()];
      for (int k = 0; k < results.size(); k++) {
        FunctionalRunResult r = results.get(k);
        parts.add(r.atlases().get(a).timeseries());
        // A run boundary breaks a stretch, as a censored volume does.
        stretches[k] = Segments.ofKept(keptMask(r));
      }
      TimeSeries joined = concatenate(parts, regions.size());
      List<Integer> good = new ArrayList<>();
      List<String> naRegions = new ArrayList<>();
      for (int n = 0; n < regions.size(); n++) {
        boolean finite = true;
        for (double v : joined.column(n)) {
          finite &= Double.isFinite(v);
        }
        if (finite) {
          good.add(n);
        } else {
          naRegions.add(regions.get(n) + ": n/a in at least one of the runs");
        }
      }
      if (good.size() < 2) {
        warnings.add("fmri.combine_runs: atlas " + atlas + ": fewer than two regions have "
            + "signal in every run; no combined connectome");
        continue;
      }
      TimeSeries clean = FunctionalRunProcessor.selectColumns(joined, good);
      Map<String, RegionMatrix> matrices = FunctionalRunProcessor.measures(settings, atlas,
          clean, Segments.concatenate(stretches), good, regions.size(), warnings, false);
      String atlasFile = inputs.atlasFiles().get(atlas);
      String series = DerivativeNames.timeseries(entities, atlas);
      FunctionalOutputWriter.writeTable(conf, inputs.outRoot(), series, regions,
          FunctionalRunProcessor.expandSeries(clean, good, regions.size()));
      writeSidecar(conf, inputs, series, sidecar(results, atlas, atlasFile, "mean", naRegions,
          inputs));
      outputs.add(series);
      directed.addAll(FunctionalTables.directedRows(entities, atlas, regions, matrices,
          inputs.settingsHash(), first.run().sourceUri()));
      for (Map.Entry<String, RegionMatrix> m : matrices.entrySet()) {
        if (!settings.measures().contains(DirectedMeasures.measureOf(m.getKey())
            .replace("_z", ""))) {
          continue;
        }
        String relmat = DerivativeNames.relmat(entities, "func", atlas, m.getKey());
        writer.writeRelmat(relmat, regions, m.getValue(),
            DirectedMeasures.isDirected(m.getKey()));
        writeSidecar(conf, inputs, relmat, sidecar(results, atlas, atlasFile, m.getKey(),
            naRegions, inputs));
        outputs.add(relmat);
        if (DirectedMeasures.isDirected(m.getKey())) {
          continue;
        }
        rows.add(RunTables.row(entities, atlas, m.getKey(), m.getValue().size(),
            regions.toArray(new String[0]), FunctionalTables.upper(m.getValue()),
            inputs.settingsHash(), first.run().sourceUri()));
      }
    }
    return new Combined(rows, directed, outputs, warnings);
  }

  /** Which of the run's volumes after the dummy scans were kept. */
  private static boolean[] keptMask(FunctionalRunResult r) {
    boolean[] kept = new boolean[r.volumes()];
    java.util.Arrays.fill(kept, true);
    for (int c : r.censored()) {
      kept[c] = false;
    }
    return kept;
  }

  private static TimeSeries concatenate(List<TimeSeries> parts, int regions) {
    int total = 0;
    for (TimeSeries p : parts) {
      total += p.timepoints();
    }
    double[] values = new double[total * regions];
    int offset = 0;
    for (TimeSeries p : parts) {
      System.arraycopy(p.values(), 0, values, offset, p.values().length);
      offset += p.values().length;
    }
    return new TimeSeries(total, regions, values);
  }

  private static ObjectNode sidecar(List<FunctionalRunResult> results, String atlas,
      String atlasFile, String measure, List<String> naRegions,
      FunctionalConnectomeJob.JobInputs inputs) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode sources = node.putArray("Sources");
    for (FunctionalRunResult r : results) {
      sources.add(r.run().sourceUri());
      if (r.run().confounds() != null) {
        sources.add(inputs.uris().orName(r.run().confounds()));
      }
    }
    sources.add(atlasFile);
    node.put("Atlas", atlas);
    node.put("AtlasFile", SourcedataAtlases.bidsUri(atlas, atlasFile));
    if (!measure.equals("mean")) {
      FunctionalOutputWriter.metadata(measure).putInto(node);
    }
    node.put("NuisanceParameters", inputs.settings().strategy().name());
    node.put("Statistic", measure.equals("mean") ? "mean" : DerivativeNames.statistic(measure));
    node.put("RepetitionTime", results.get(0).repetitionTime());
    ArrayNode runs = node.putArray("CombinedRuns");
    int start = 0;
    double clean = 0;
    for (FunctionalRunResult r : results) {
      int kept = r.atlases().get(0).timeseries().timepoints();
      ObjectNode run = runs.addObject();
      run.put("Source", r.run().sourceUri());
      for (String entity : RUN_ENTITIES) {
        if (r.run().entities().containsKey(entity)) {
          run.put(entity, r.run().entities().get(entity));
        }
      }
      run.put("FirstVolume", start);
      run.put("NumberOfVolumes", kept);
      run.put("DummyScans", r.dummyScans());
      ArrayNode censored = run.putArray("CensoredVolumes");
      for (int c : r.censored()) {
        censored.add(c);
      }
      run.put("MeanFramewiseDisplacement", r.meanFd());
      start += kept;
      clean += r.cleanSeconds();
    }
    node.put("NumberOfVolumes", start);
    node.put("CleanSeconds", clean);
    ArrayNode na = node.putArray("RegionsNotAvailable");
    naRegions.forEach(na::add);
    ObjectNode config = node.putObject("Settings");
    inputs.settingsMap().forEach(config::put);
    node.put("SettingsHash", inputs.settingsHash());
    SoftwareVersion.putSidecarField(node);
    return node;
  }

  private static void writeSidecar(Configuration conf, FunctionalConnectomeJob.JobInputs inputs,
      String dataRelative, ObjectNode content) throws IOException {
    String json = dataRelative.replaceFirst("\\.tsv$", ".json");
    try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(inputs.outRoot(),
        json))) {
      JSON.writeValue(out, content);
    }
  }
}
