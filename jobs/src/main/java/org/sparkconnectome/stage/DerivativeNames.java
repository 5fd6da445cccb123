package org.sparkconnectome.stage;

import java.util.Map;

/**
 * Output file names as XCP-D writes them: the source run's entities without {@code desc}, then
 * {@code atlas-<A>} and {@code stat-<statistic>}, then the suffix; in {@code sub-X[/ses-Y]/func/}.
 */
public final class DerivativeNames {
  private DerivativeNames() {
  }

  /**
   * XCP-D's statistic names for the per-run measures (and Fisher z variants); any other measure
   * that is a valid BIDS label (a new stage's, e.g. {@code coherence}) is its own name.
   */
  public static String statistic(String measure) {
    return switch (measure) {
      case "pearson" -> "pearsoncorrelation";
      case "partial" -> "partialcorrelation";
      case "shrunk" -> "shrunkcorrelation";
      case "covariance" -> "covariance";
      case "tangent" -> "tangent";
      case "pearson_z" -> "fisherzpearsoncorrelation";
      case "partial_z" -> "fisherzpartialcorrelation";
      case "shrunk_z" -> "fisherzshrunkcorrelation";
      default -> {
        if (!measure.matches("[A-Za-z0-9]+")) {
          throw new IllegalArgumentException("no statistic name for " + measure
              + " (a BIDS label has letters and digits only)");
        }
        yield measure;
      }
    };
  }

  /**
   * The BIDS datatype folder a run's derivatives go to: the one its source file is in
   * ({@code func}, {@code dwi}, {@code eeg}, ...), or {@code func} when the source is not in one.
   */
  public static String datatypeOfSource(String source) {
    int slash = source.lastIndexOf('/');
    int parent = slash <= 0 ? -1 : source.lastIndexOf('/', slash - 1);
    String folder = slash <= 0 ? "" : source.substring(parent + 1, slash);
    return folder.matches("[a-z]+") && !folder.startsWith("sub") && !folder.startsWith("ses")
        ? folder : "func";
  }

  /** The folder of a run's outputs, relative to the output root. */
  public static String folder(Map<String, String> entities, String datatype) {
    String ses = entities.get("ses");
    return "sub-" + entities.get("sub") + (ses == null ? "" : "/ses-" + ses) + "/" + datatype;
  }

  /** The file name stem (no suffix) for one atlas and statistic. */
  public static String stem(Map<String, String> entities, String atlas, String statistic) {
    StringBuilder b = new StringBuilder();
    entities.forEach((k, v) -> {
      if (!k.equals("desc")) {
        b.append(k).append('-').append(v).append('_');
      }
    });
    return b.append("atlas-").append(atlas).append("_stat-").append(statistic).toString();
  }

  /** Relative path of a relmat TSV. */
  public static String relmat(Map<String, String> entities, String datatype, String atlas,
      String measure) {
    return folder(entities, datatype) + "/" + stem(entities, atlas, statistic(measure))
        + "_relmat.tsv";
  }

  /** Relative path of a region time series TSV. */
  public static String timeseries(Map<String, String> entities, String atlas) {
    return folder(entities, "func") + "/" + stem(entities, atlas, "mean") + "_timeseries.tsv";
  }
}
