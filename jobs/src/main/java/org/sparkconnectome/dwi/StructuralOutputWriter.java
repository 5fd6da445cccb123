package org.sparkconnectome.dwi;

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
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.stage.DerivativeNames;
import org.sparkconnectome.stage.RelmatMetadata;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.OutputFiles;

/**
 * Writes a subject's structural connectomes with XCP-D naming, on any Hadoop file system:
 * {@code sub-X[/ses-Y]/dwi/<entities>_atlas-<A>_stat-<statistic>_relmat.tsv} plus a JSON sidecar
 * each (sources, settings, unassigned counts, warnings, software version).
 */
public final class StructuralOutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private StructuralOutputWriter() {
  }

  /**
   * @param entities the source's BIDS entities (sub, ses, space, ...): the output names' stem
   * @param sources input files named in the sidecars
   * @param atlasFiles the image of each atlas label as given: the sidecars name its copy in
   *     the output ({@code AtlasFile})
   * @return the written relmat files, relative to {@code outRoot}
   */
  public static List<String> write(StructuralRunResult result, Configuration conf,
      String outRoot, Map<String, String> entities, List<String> sources,
      StructuralSettings settings, String settingsHash, Map<String, String> atlasFiles)
      throws IOException {
    List<String> written = new ArrayList<>();
    for (StructuralConnectome atlas : result.connectomes()) {
      for (Map.Entry<String, Connectome> stat : atlas.statistics().entrySet()) {
        String tsv = DerivativeNames.relmat(entities, "dwi", atlas.atlas(), stat.getKey());
        try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, tsv))) {
          RelmatTsv.write(stat.getValue(), w);
        }
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("Atlas", atlas.atlas());
        if (atlasFiles.containsKey(atlas.atlas())) {
          sidecar.put("AtlasFile", SourcedataAtlases.bidsUri(atlas.atlas(),
              atlasFiles.get(atlas.atlas())));
        }
        sidecar.put("Statistic", stat.getKey());
        metadata(stat.getKey(), settings).putInto(sidecar);
        ArrayNode sourceList = sidecar.putArray("Sources");
        sources.forEach(sourceList::add);
        sidecar.put("Assignment", settings.assignment().toString());
        sidecar.put("ZeroDiagonal", settings.zeroDiagonal());
        sidecar.put("Streamlines", atlas.streamlines());
        sidecar.put("UnassignedStreamlines", atlas.unassignedStreamlines());
        sidecar.put("UnassignedEnds", atlas.unassignedEnds());
        ArrayNode warnings = sidecar.putArray("Warnings");
        atlas.warnings().forEach(warnings::add);
        sidecar.put("SettingsHash", settingsHash);
        SoftwareVersion.putSidecarField(sidecar);
        String json = tsv.replaceFirst("\\.tsv$", ".json");
        try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot, json))) {
          JSON.writeValue(out, sidecar);
        }
        written.add(tsv);
      }
    }
    return written;
  }

  /**
   * What a structural statistic's matrix is, in BEP017's terms: never negative; the diagonal
   * (streamlines with both ends in one region) is valid unless {@code -zero_diagonal} set it to 0.
   */
  static RelmatMetadata metadata(String statistic, StructuralSettings settings) {
    String measure = switch (statistic) {
      case "streamlinecount" -> "Streamline count";
      case "meanlength" -> "Mean streamline length (mm)";
      case "meanfa" -> "Mean fractional anisotropy along the streamlines";
      case "streamlinecountinvnodevol" -> "Streamline count scaled by the inverse of the two "
          + "regions' volumes";
      default -> statistic;
    };
    return RelmatMetadata.nonNegative(measure, !settings.zeroDiagonal());
  }
}
