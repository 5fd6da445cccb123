package org.sparkconnectome.fmri;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.atlas.SourcedataAtlases;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.stage.DerivativeNames;

/**
 * Writes one run's BIDS-derivative files: region time series and relmat TSVs, each with a JSON
 * sidecar naming its sources, the settings and the software version.
 */
public final class FunctionalOutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Configuration conf;
  private final String outRoot;
  private final Map<String, String> settings;
  private final String settingsHash;
  private final BidsUris uris;

  /** @param uris how sidecars name input files (BIDS URIs, never local paths) */
  public FunctionalOutputWriter(Configuration conf, String outRoot, Map<String, String> settings,
      String settingsHash, BidsUris uris) {
    this.conf = conf;
    this.outRoot = outRoot;
    this.settings = settings;
    this.settingsHash = settingsHash;
    this.uris = uris;
  }

  /** Writes every file of the result; returns their paths relative to the output root. */
  public List<String> write(FunctionalRunResult result, List<String> measures,
      Map<String, String> atlasFiles) throws IOException {
    List<String> written = new ArrayList<>();
    Map<String, String> entities = result.run().entities();
    for (AtlasConnectome atlas : result.atlases()) {
      String series = DerivativeNames.timeseries(entities, atlas.atlas());
      writeTimeseries(series, atlas);
      writeSidecar(series, sidecar(result, atlas, atlasFiles.get(atlas.atlas()), "mean"));
      written.add(series);
      for (Map.Entry<String, RegionMatrix> m : atlas.matrices().entrySet()) {
        String base = m.getKey().replace("_z", "");
        if (!measures.contains(base)) {
          continue;
        }
        String relmat = DerivativeNames.relmat(entities, "func", atlas.atlas(), m.getKey());
        writeRelmat(relmat, atlas.regions(), m.getValue());
        writeSidecar(relmat, sidecar(result, atlas, atlasFiles.get(atlas.atlas()),
            m.getKey()));
        written.add(relmat);
      }
    }
    return written;
  }

  /** A matrix as the XCP-D relmat TSV (full, symmetric, n/a where undefined). */
  public void writeRelmat(String relative, List<String> regions, RegionMatrix matrix)
      throws IOException {
    int n = matrix.size();
    double[][] full = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        full[i][j] = matrix.get(i, j);
      }
    }
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      RelmatTsv.write(Connectome.fromMatrix(regions, full), w);
    }
  }

  /** The sidecar of a group-level matrix (tangent): its run, the group and the settings. */
  public void writeGroupSidecar(String dataRelative, String source, String atlas,
      String atlasFile, int groupSize, String description) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("Sources").add(source);
    node.put("Atlas", atlas);
    node.put("AtlasFile", SourcedataAtlases.bidsUri(atlas, atlasFile));
    node.put("Statistic", DerivativeNames.statistic(FunctionalSettings.TANGENT));
    node.put("GroupSize", groupSize);
    node.put("Description", description);
    writeSidecar(dataRelative, withProvenance(node));
  }

  /** Ends a sidecar with the settings, their hash and the software that wrote it. */
  private ObjectNode withProvenance(ObjectNode node) {
    ObjectNode config = node.putObject("Settings");
    settings.forEach(config::put);
    node.put("SettingsHash", settingsHash);
    SoftwareVersion.putSidecarField(node);
    return node;
  }

  private void writeTimeseries(String relative, AtlasConnectome atlas) throws IOException {
    TimeSeries series = atlas.timeseries();
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      w.write(String.join("\t", atlas.regions()));
      w.write('\n');
      StringBuilder line = new StringBuilder();
      for (int t = 0; t < series.timepoints(); t++) {
        line.setLength(0);
        for (int r = 0; r < series.regions(); r++) {
          if (r > 0) {
            line.append('\t');
          }
          double v = series.get(t, r);
          line.append(Double.isNaN(v) ? RelmatTsv.MISSING : Double.toString(v));
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  private ObjectNode sidecar(FunctionalRunResult result, AtlasConnectome atlas,
      String atlasFile, String measure) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode sources = node.putArray("Sources");
    sources.add(result.run().sourceUri());
    if (result.run().confounds() != null) {
      sources.add(uris.orName(result.run().confounds()));
    }
    sources.add(atlasFile);
    node.put("Atlas", atlas.atlas());
    node.put("AtlasFile", SourcedataAtlases.bidsUri(atlas.atlas(), atlasFile));
    node.put("Statistic", measure.equals("mean") ? "mean" : DerivativeNames.statistic(measure));
    node.put("RepetitionTime", result.repetitionTime());
    node.put("DummyScans", result.dummyScans());
    node.put("NumberOfVolumes", result.volumes());
    ArrayNode censored = node.putArray("CensoredVolumes");
    for (int c : result.censored()) {
      censored.add(c);
    }
    node.put("MeanFramewiseDisplacement", result.meanFd());
    node.put("CleanSeconds", result.cleanSeconds());
    ArrayNode na = node.putArray("RegionsNotAvailable");
    atlas.naRegions().forEach(na::add);
    ObjectNode coverage = node.putObject("RegionCoverage");
    for (int r = 0; r < atlas.regions().size(); r++) {
      coverage.put(atlas.regions().get(r), atlas.coverage()[r]);
    }
    return withProvenance(node);
  }

  private void writeSidecar(String dataRelative, ObjectNode content) throws IOException {
    String json = dataRelative.replaceFirst("\\.tsv$", ".json");
    try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot, json))) {
      JSON.writeValue(out, content);
    }
  }
}
