package org.sparkconnectome.eeg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.signal.spectral.Band;
import org.sparkconnectome.stage.DerivativeNames;
import org.sparkconnectome.stage.RelmatMetadata;

/**
 * Writes one recording's derivative files: per band and measure the relmat TSV
 * ({@code sub-X/eeg/<entities>_desc-<band>_stat-<measure>_relmat.tsv}, channels for nodes,
 * n/a rows and columns for unavailable channels) with a JSON sidecar saying what it is (band,
 * bins, tapers, epochs kept, reference, filters, the measure's definition), and the QC table.
 */
final class EegOutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Configuration conf;
  private final String outRoot;
  private final EegSettings settings;
  private final Map<String, String> settingsMap;
  private final String settingsHash;
  private final BidsUris uris;

  EegOutputWriter(Configuration conf, String outRoot, EegSettings settings,
      Map<String, String> settingsMap, String settingsHash, BidsUris uris) {
    this.conf = conf;
    this.outRoot = outRoot;
    this.settings = settings;
    this.settingsMap = settingsMap;
    this.settingsHash = settingsHash;
    this.uris = uris;
  }

  /** Writes every file; their paths relative to the output root. */
  List<String> write(EegResult result) throws IOException {
    List<String> written = new ArrayList<>();
    Map<String, String> entities = result.run().entities();
    int n = result.nodes().size();
    for (Map.Entry<String, Map<String, double[]>> m : result.matrices().entrySet()) {
      for (Band band : settings.spectral().bands()) {
        double[] values = m.getValue().get(band.name());
        double[][] full = new double[n][n];
        for (int i = 0; i < n; i++) {
          System.arraycopy(values, i * n, full[i], 0, n);
        }
        String relmat = DerivativeNames.eegRelmat(entities, band.name(), m.getKey());
        try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relmat))) {
          RelmatTsv.write(result.nodes(), full, w);
        }
        writeJson(relmat.replaceFirst("\\.tsv$", ".json"), sidecar(result, band, m.getKey()));
        written.add(relmat);
      }
    }
    String qc = DerivativeNames.eegQc(entities);
    writeQc(qc, result);
    written.add(qc);
    return written;
  }

  /** What each measure is, in BEP017's terms and in one line of its definition. */
  static RelmatMetadata metadata(String measure) {
    return switch (measure) {
      case "coherence" -> RelmatMetadata.nonNegative("Magnitude-squared coherence", false);
      case "imcoherence" -> new RelmatMetadata("Imaginary part of coherency (antisymmetric: "
          + "[y][x] = -[x][y])", true, false, false, false);
      case "plv" -> RelmatMetadata.nonNegative("Phase-locking value", false);
      case "pli" -> RelmatMetadata.nonNegative("Phase-lag index", false);
      case "wpli" -> RelmatMetadata.nonNegative("Weighted phase-lag index", false);
      case "dwpli2" -> RelmatMetadata.signed("Debiased squared weighted phase-lag index", false);
      case "aec" -> RelmatMetadata.nonNegative(
          "Orthogonalised amplitude-envelope correlation", false);
      default -> RelmatMetadata.signed(measure, false);
    };
  }

  /** The measure's definition, as DESIGN.md states it (E: mean over kept epochs). */
  static String definition(String measure) {
    return switch (measure) {
      case "coherence" -> "|E S_xy|^2 / (E S_xx E S_yy) per frequency bin";
      case "imcoherence" -> "Im E S_xy / sqrt(E S_xx E S_yy) per frequency bin";
      case "plv" -> "|E (S_xy / |S_xy|)| per frequency bin";
      case "pli" -> "|E sign(Im S_xy)| per frequency bin";
      case "wpli" -> "|E Im S_xy| / E |Im S_xy| per frequency bin";
      case "dwpli2" -> "((sum Im S_xy)^2 - sum (Im S_xy)^2) / ((sum |Im S_xy|)^2 - sum (Im "
          + "S_xy)^2) over epochs, per frequency bin (Vinck et al. 2011)";
      case "aec" -> "per epoch of the band-passed signal: Pearson correlation of |Im(x conj(y) "
          + "/ |y|)| with |y| (analytic signals; Hipp et al. 2012), absolute, the mean of both "
          + "directions, then the mean over epochs";
      default -> measure;
    };
  }

  private ObjectNode sidecar(EegResult r, Band band, String measure) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode sources = node.putArray("Sources").add(r.run().sourceUri());
    if (r.channelsTable() != null) {
      sources.add(uris.orName(r.channelsTable()));
    }
    node.put("Statistic", DerivativeNames.statistic(measure));
    node.put("Definition", definition(measure));
    node.put("BandValue", measure.equals("aec") ? "the band-passed signal's envelopes"
        : "mean over the frequency bins with Low <= f < High");
    ObjectNode b = node.putObject("Band");
    b.put("Name", band.name());
    b.put("Low", band.low());
    b.put("High", band.high());
    ArrayNode bins = b.putArray("FrequenciesHz");
    for (int k = 0; k <= r.epochSamples() / 2; k++) {
      double f = k * r.samplingRate() / r.epochSamples();
      if (f >= band.low() && f < band.high()) {
        bins.add(f);
      }
    }
    node.put("SamplingFrequency", r.samplingRate());
    node.put("EpochLength", r.epochSamples() / r.samplingRate());
    node.put("Epochs", r.epoching());
    node.put("EpochsTotal", r.epochs());
    node.put("EpochsKept", r.keptEpochs());
    node.put("EpochsRejected", r.rejected());
    node.put("RejectPeakToPeak", settings.rejectPeakToPeakVolts() > 0
        ? String.format(Locale.ROOT, "%s uV", settings.rejectPeakToPeakVolts() * 1e6) : "off");
    node.put("Taper", r.taper());
    node.put("EEGReference", r.reference());
    ArrayNode filters = node.putArray("SoftwareFilters");
    r.filters().forEach(filters::add);
    if (measure.equals("aec")) {
      filters.add("band-pass " + band.low() + "-" + band.high() + " Hz (MNE's default "
          + "zero-phase FIR) for the envelopes");
    }
    ArrayNode na = node.putArray("ChannelsNotAvailable");
    r.unavailable().values().forEach(na::add);
    metadata(measure).putInto(node);
    node.put("CrossSpectralBackend", r.backend());
    return withProvenance(node);
  }

  private ObjectNode withProvenance(ObjectNode node) {
    ObjectNode config = node.putObject("Settings");
    settingsMap.forEach(config::put);
    node.put("SettingsHash", settingsHash);
    SoftwareVersion.putSidecarField(node);
    return node;
  }

  private void writeQc(String relative, EegResult r) throws IOException {
    List<String> header = new ArrayList<>(r.run().entities().keySet());
    header.addAll(List.of("format", "sampling_frequency", "duration_s", "channels",
        "channels_unavailable", "epochs", "epochs_rejected", "line_noise_db", "line_frequency",
        "reference"));
    List<String> row = new ArrayList<>(r.run().entities().values());
    row.addAll(List.of(r.format(), Double.toString(r.samplingRate()),
        Double.toString(r.durationSeconds()), Integer.toString(r.nodes().size()),
        r.unavailable().isEmpty() ? "n/a" : String.join(",", r.unavailable().keySet()),
        Long.toString(r.epochs()), Long.toString(r.rejected()),
        Double.isNaN(r.lineNoiseDb()) ? "n/a" : Double.toString(r.lineNoiseDb()),
        r.lineHz() > 0 ? Double.toString(r.lineHz()) : "n/a", r.reference()));
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      w.write(String.join("\t", header) + "\n" + String.join("\t", row) + "\n");
    }
  }

  private void writeJson(String relative, ObjectNode content) throws IOException {
    try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot, relative))) {
      JSON.writeValue(out, content);
    }
  }
}
