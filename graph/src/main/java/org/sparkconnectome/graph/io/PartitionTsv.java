package org.sparkconnectome.graph.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node partition TSV (an atlas's network assignment): a header with a region column
 * ({@code Node} as XCP-D's region-indexed tables have it, {@code node} as our {@code nodes.tsv}, or
 * {@code name} as a BIDS atlas {@code dseg.tsv}; any case) and a community column
 * ({@code community} or {@code network}), matched to a connectome by region name.
 */
public final class PartitionTsv {
  private static final List<String> NAME_COLUMNS = List.of("node", "name");
  private static final List<String> COMMUNITY_COLUMNS = List.of("community", "network");

  /**
   * A partition aligned with a connectome's regions.
   *
   * @param membership community index per region, in the connectome's order
   * @param labels community labels as written in the file; index i is community i
   */
  public record Partition(int[] membership, List<String> labels) implements Serializable {
  }

  private PartitionTsv() {
  }

  /**
   * Reads the file and aligns it to {@code regions}; every region must be listed exactly once.
   * Regions in the file but not in the connectome are an error too, since they usually mean the
   * partition belongs to another atlas.
   */
  public static Partition read(Reader reader, String source, List<String> regions)
      throws IOException {
    BufferedReader in = new BufferedReader(reader);
    String headerLine = in.readLine();
    if (headerLine == null || headerLine.isBlank()) {
      throw new GraphInputException(source, "empty file: expected a header with node (or name) "
          + "and community (or network) columns");
    }
    List<String> header = new ArrayList<>();
    for (String h : RelmatTsv.stripBom(headerLine).split("\t", -1)) {
      header.add(h.trim().toLowerCase(Locale.ROOT));
    }
    int nameColumn = firstOf(header, NAME_COLUMNS);
    int communityColumn = firstOf(header, COMMUNITY_COLUMNS);
    if (nameColumn < 0 || communityColumn < 0) {
      throw new GraphInputException(source, "header " + header + " lacks a "
          + (nameColumn < 0 ? "node/name" : "community/network") + " column");
    }
    Map<String, String> byRegion = new HashMap<>();
    String line;
    int lineNumber = 1;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != header.size()) {
        throw new GraphInputException(source, "line " + lineNumber + ": " + cells.length
            + " columns, header has " + header.size());
      }
      String region = cells[nameColumn].trim();
      String community = cells[communityColumn].trim();
      if (community.isEmpty() || community.equals(RelmatTsv.MISSING)) {
        throw new GraphInputException(source, "line " + lineNumber + ", region '" + region
            + "': no community");
      }
      if (byRegion.put(region, community) != null) {
        throw new GraphInputException(source, "line " + lineNumber + ": region '" + region
            + "' listed twice");
      }
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] membership = new int[regions.size()];
    for (int i = 0; i < regions.size(); i++) {
      String community = byRegion.remove(regions.get(i));
      if (community == null) {
        throw new GraphInputException(source, "region '" + regions.get(i)
            + "' of the connectome is not in the partition");
      }
      membership[i] = index.computeIfAbsent(community, k -> index.size());
    }
    if (!byRegion.isEmpty()) {
      throw new GraphInputException(source, "regions not in the connectome: "
          + String.join(", ", byRegion.keySet().stream().sorted().limit(5).toList())
          + (byRegion.size() > 5 ? " and " + (byRegion.size() - 5) + " more" : ""));
    }
    return new Partition(membership, List.copyOf(index.keySet()));
  }

  private static int firstOf(List<String> header, List<String> wanted) {
    for (String w : wanted) {
      int i = header.indexOf(w);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }
}
