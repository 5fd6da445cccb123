package org.sparkconnectome.dwi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.cli.SoftwareVersion;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;

/**
 * Writes a subject's structural connectomes to a local folder with XCP-D naming:
 * {@code <stem>_atlas-<A>_stat-<statistic>_relmat.tsv} plus a JSON sidecar each (sources,
 * settings, unassigned counts, warnings, software version).
 */
public final class StructuralOutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private StructuralOutputWriter() {
  }

  /**
   * @param stem the subject's entities, e.g. {@code sub-01_space-MNI152NLin2009cAsym}
   * @param sources input files named in the sidecars
   * @return the written relmat files
   */
  public static List<Path> write(StructuralRunResult result, Path folder, String stem,
      List<String> sources, StructuralSettings settings) throws IOException {
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    for (StructuralConnectome atlas : result.connectomes()) {
      for (Map.Entry<String, Connectome> stat : atlas.statistics().entrySet()) {
        String name = stem + "_atlas-" + atlas.atlas() + "_stat-" + stat.getKey() + "_relmat";
        Path tsv = folder.resolve(name + ".tsv");
        RelmatTsv.write(stat.getValue(), tsv);
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("Atlas", atlas.atlas());
        sidecar.put("Statistic", stat.getKey());
        ArrayNode sourceList = sidecar.putArray("Sources");
        sources.forEach(sourceList::add);
        sidecar.put("Assignment", settings.assignment().toString());
        sidecar.put("ZeroDiagonal", settings.zeroDiagonal());
        sidecar.put("Streamlines", atlas.streamlines());
        sidecar.put("UnassignedStreamlines", atlas.unassignedStreamlines());
        sidecar.put("UnassignedEnds", atlas.unassignedEnds());
        ArrayNode warnings = sidecar.putArray("Warnings");
        atlas.warnings().forEach(warnings::add);
        ObjectNode software = sidecar.putObject("Software");
        software.put("Name", "spark-connectome");
        software.put("Version", SoftwareVersion.current());
        JSON.writeValue(folder.resolve(name + ".json").toFile(), sidecar);
        written.add(tsv);
      }
    }
    return written;
  }
}
