package org.sparkconnectome.stats;

import java.util.Map;

/**
 * The features of one run (or one subject, after averaging) with its participant's phenotypes.
 *
 * @param values one value per off-diagonal edge, in row-major upper-triangle order
 */
public record FeatureRow(String subject, String session, String run,
    Map<String, String> phenotypes, double[] values) {
}
