package org.sparkconnectome.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.atlas.Atlas;

/**
 * The order in which the report shows regions: grouped by the atlas's network column (networks in
 * order of first appearance, regions in table order within each), so that within-network blocks
 * sit on the diagonal of every heatmap.
 *
 * @param order matrix index of the region shown at each position
 * @param networks network of the region shown at each position ("" when the atlas has none)
 */
record NetworkOrder(int[] order, List<String> networks) {

  /** @param networkOf network per region name; names missing from it form the group "" */
  static NetworkOrder of(List<String> names, Map<String, String> networkOf) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String network = networkOf.getOrDefault(names.get(i), "");
      groups.computeIfAbsent(network == null ? "" : network, k -> new ArrayList<>()).add(i);
    }
    int[] order = new int[names.size()];
    List<String> networks = new ArrayList<>();
    int k = 0;
    for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
      for (int index : g.getValue()) {
        order[k++] = index;
        networks.add(g.getKey());
      }
    }
    return new NetworkOrder(order, List.copyOf(networks));
  }

  /** Network per region name from the atlas table (empty map without an atlas). */
  static Map<String, String> networksOf(Atlas atlas) {
    Map<String, String> out = new LinkedHashMap<>();
    if (atlas != null) {
      for (Atlas.Region r : atlas.regions()) {
        out.put(r.name(), r.network() == null ? "" : r.network());
      }
    }
    return out;
  }

  /** Network index per region in matrix order, or null when the atlas names no networks. */
  int[] partition() {
    if (distinctNetworks().size() < 2) {
      return null;
    }
    List<String> distinct = distinctNetworks();
    int[] out = new int[order.length];
    for (int p = 0; p < order.length; p++) {
      out[order[p]] = distinct.indexOf(networks.get(p));
    }
    return out;
  }

  /** Network per region in matrix order. */
  List<String> networksInMatrixOrder() {
    String[] out = new String[order.length];
    for (int p = 0; p < order.length; p++) {
      out[order[p]] = networks.get(p);
    }
    return List.of(out);
  }

  int size() {
    return order.length;
  }

  /** Distinct networks in display order. */
  List<String> distinctNetworks() {
    List<String> out = new ArrayList<>();
    for (String n : networks) {
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
