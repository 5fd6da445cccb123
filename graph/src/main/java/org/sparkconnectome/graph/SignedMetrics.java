package org.sparkconnectome.graph;

import java.io.Serializable;

/** The metrics of one graph a {@link ThresholdPolicy} made, with the part of the data it holds. */
public record SignedMetrics(ThresholdPolicy.Sign sign, NodeMetrics nodes, GlobalMetrics global)
    implements Serializable {
}
