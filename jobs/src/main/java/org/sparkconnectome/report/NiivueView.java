package org.sparkconnectome.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.io.DataSources;

/**
 * The interactive 3D view: a NiiVue canvas, the atlas image as base64 NIfTI and the cohort graph
 * in NiiVue's connectome JSON, with the NiiVue bundle inlined so the page needs no network.
 */
final class NiivueView {
  /** Classpath location of the bundle that the build makes from src/main/frontend. */
  static final String BUNDLE = "/org/sparkconnectome/report/niivue-viewer.js";

  private NiivueView() {
  }

  /** The bundled viewer script, or null when this build carries none. */
  static String bundle() throws IOException {
    try (InputStream in = NiivueView.class.getResourceAsStream(BUNDLE)) {
      return in == null ? null : new String(in.readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * @param atlasFile the atlas image file (shown as a translucent volume)
   * @param networks network per region in the graph's name order
   * @param bundle the viewer script, or null (the section then says how to get it)
   */
  static String render(Atlas atlas, String atlasFile, AtlasGeometry geometry, CohortGraph graph,
      List<String> networks, String bundle) throws IOException {
    StringBuilder h = new StringBuilder("<h3>Interactive 3D view</h3>");
    if (bundle == null) {
      return h.append("<p class=\"note\">This build carries no NiiVue bundle: rebuild with npm "
          + "on the PATH (mvn package runs npm ci and esbuild in jobs/src/main/frontend), then "
          + "run 'connectome report --out OUT'.</p>").toString();
    }
    byte[] image;
    try (InputStream in = DataSources.open(atlasFile).openStream()) {
      image = in.readAllBytes();
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode data = json.createObjectNode();
    ObjectNode volume = data.putObject("atlas");
    volume.put("name", atlasFile.substring(atlasFile.lastIndexOf('/') + 1));
    volume.put("base64", Base64.getEncoder().encodeToString(image));
    volume.put("maxLabel", atlas.regions().stream().mapToInt(Atlas.Region::index).max()
        .orElse(1));
    data.set("connectome", connectome(json, atlas.name(), geometry, graph, networks));
    String text = json.writeValueAsString(data).replace("</", "<\\/");
    h.append("<div class=\"viewer\"><canvas id=\"niivue-canvas\"></canvas></div>"
        + "<p id=\"niivue-status\">Loading the 3D view...</p>");
    h.append("<script type=\"application/json\" id=\"niivue-data\">").append(text)
        .append("</script>");
    h.append("<script>").append(bundle.replace("</script", "<\\/script")).append("</script>");
    return h.toString();
  }

  private static double extent(AtlasGeometry g) {
    double e = 0;
    for (int d = 0; d < 3; d++) {
      e = Math.max(e, g.max()[d] - g.min()[d]);
    }
    return e;
  }

  /** NiiVue's connectome JSON: nodes coloured by network, sized by PageRank; edges by weight. */
  private static ObjectNode connectome(ObjectMapper json, String name, AtlasGeometry geometry,
      CohortGraph graph, List<String> networks) {
    List<String> distinct = networks.stream().distinct().toList();
    ObjectNode c = json.createObjectNode();
    c.put("name", name);
    c.put("nodeColormap", "warm");
    c.put("nodeColormapNegative", "winter");
    c.put("nodeMinColor", 0);
    c.put("nodeMaxColor", Math.max(1, distinct.size() - 1));
    // Node radius in mm: a fraction of the atlas's extent, so small and large atlases look alike.
    c.put("nodeScale", Math.max(1, extent(geometry) / 20));
    c.put("edgeColormap", "warm");
    c.put("edgeColormapNegative", "winter");
    double min = graph.strongest().isEmpty() ? 0
        : graph.strongest().get(graph.strongest().size() - 1).weight();
    double max = graph.strongest().isEmpty() ? 1 : graph.strongest().get(0).weight();
    c.put("edgeMin", min * 0.999);
    c.put("edgeMax", max);
    c.put("edgeScale", 1);
    c.put("showLegend", false);
    double maxRank = 0;
    for (double p : graph.pagerank()) {
      maxRank = Math.max(maxRank, p);
    }
    ArrayNode nodes = c.putArray("nodes");
    int[] nodeIndex = new int[graph.names().size()];
    for (int i = 0; i < graph.names().size(); i++) {
      double[] xyz = geometry.centroids().get(graph.names().get(i));
      if (xyz == null) {
        nodeIndex[i] = -1;
        continue;
      }
      nodeIndex[i] = nodes.size();
      ObjectNode node = nodes.addObject();
      node.put("name", graph.names().get(i));
      node.put("x", xyz[0]);
      node.put("y", xyz[1]);
      node.put("z", xyz[2]);
      node.put("colorValue", distinct.indexOf(networks.get(i)));
      node.put("sizeValue", 0.5 + (maxRank > 0 ? graph.pagerank()[i] / maxRank : 0.5));
    }
    ArrayNode edges = c.putArray("edges");
    for (CohortGraph.Edge e : graph.strongest()) {
      if (nodeIndex[e.a()] >= 0 && nodeIndex[e.b()] >= 0) {
        ObjectNode edge = edges.addObject();
        edge.put("first", nodeIndex[e.a()]);
        edge.put("second", nodeIndex[e.b()]);
        edge.put("colorValue", e.weight());
      }
    }
    return c;
  }
}
