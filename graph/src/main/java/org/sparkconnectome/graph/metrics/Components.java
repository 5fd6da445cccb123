package org.sparkconnectome.graph.metrics;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.sparkconnectome.graph.WeightedGraph;

/** Connected components; an isolated node is a component of its own, as in networkx. */
public final class Components {
  private Components() {
  }

  /** Component index of each node, numbered 0.. in order of each component's lowest node. */
  public static int[] labels(WeightedGraph graph) {
    int n = graph.size();
    int[] label = new int[n];
    Arrays.fill(label, -1);
    int next = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < n; s++) {
      if (label[s] >= 0) {
        continue;
      }
      label[s] = next;
      queue.add(s);
      while (!queue.isEmpty()) {
        int v = queue.poll();
        for (int w : graph.neighbours(v)) {
          if (label[w] < 0) {
            label[w] = next;
            queue.add(w);
          }
        }
      }
      next++;
    }
    return label;
  }

  /** Number of connected components. */
  public static int count(WeightedGraph graph) {
    int max = -1;
    for (int l : labels(graph)) {
      max = Math.max(max, l);
    }
    return max + 1;
  }
}
