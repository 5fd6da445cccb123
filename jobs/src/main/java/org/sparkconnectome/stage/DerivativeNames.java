package org.sparkconnectome.stage;

import java.util.Map;
import java.util.Set;

/**
 * Output file names as XCP-D writes them: the source run's entities without {@code desc}, then
 * {@code atlas-<A>} and {@code stat-<statistic>}, then the suffix; in {@code sub-X[/ses-Y]/func/}.
 */
public final class DerivativeNames {
  /** The folder of group-level outputs (results over many subjects), beside the sub-* folders. */
  public static final String GROUP_FOLDER = "group";

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

  /**
   * The file name stem (no suffix) for one atlas and statistic: the entities without
   * {@code desc}, with {@code atlas-} placed before {@code den-} (XCP-D's CIFTI names,
   * {@code space-fsLR_atlas-A_den-91k}) or after the last entity.
   */
  public static String stem(Map<String, String> entities, String atlas, String statistic) {
    StringBuilder b = new StringBuilder();
    boolean placed = false;
    for (Map.Entry<String, String> e : entities.entrySet()) {
      if (e.getKey().equals("den")) {
        b.append("atlas-").append(atlas).append('_');
        placed = true;
      }
      if (!e.getKey().equals("desc")) {
        b.append(e.getKey()).append('-').append(e.getValue()).append('_');
      }
    }
    if (!placed) {
      b.append("atlas-").append(atlas).append('_');
    }
    return b.append("stat-").append(statistic).toString();
  }

  /**
   * Relative path of a parcellated CIFTI series ({@code stat-mean_timeseries.ptseries.nii}),
   * beside the region time series TSV.
   */
  public static String parcelSeries(Map<String, String> entities, String atlas) {
    return folder(entities, "func") + "/" + stem(entities, atlas, "mean")
        + "_timeseries.ptseries.nii";
  }

  /** Relative path of a parcellated CIFTI connectivity matrix ({@code _boldmap.pconn.nii}). */
  public static String parcelConnectivity(Map<String, String> entities, String atlas,
      String measure) {
    return folder(entities, "func") + "/" + stem(entities, atlas, statistic(measure))
        + "_boldmap.pconn.nii";
  }

  /**
   * Relative path of a relmat TSV. EEG matrices have channels for nodes and no atlas: their
   * connectome rows carry the frequency band in the atlas column, and their names the band as
   * {@code desc-} ({@code <entities>_desc-<band>_stat-<measure>_relmat.tsv}, DESIGN.md's EEG
   * contract).
   */
  public static String relmat(Map<String, String> entities, String datatype, String atlas,
      String measure) {
    if (datatype.equals(EEG)) {
      return eegRelmat(entities, atlas, measure);
    }
    return folder(entities, datatype) + "/" + stem(entities, atlas, statistic(measure))
        + "_relmat.tsv";
  }

  /** The BIDS datatype folder of EEG recordings (and of their derivatives). */
  public static final String EEG = "eeg";

  /** Relative path of an EEG relmat: {@code sub-X/eeg/<entities>_desc-<band>_stat-<m>}. */
  public static String eegRelmat(Map<String, String> entities, String band, String measure) {
    StringBuilder b = new StringBuilder();
    entities.forEach((k, v) -> {
      if (!k.equals("desc")) {
        b.append(k).append('-').append(v).append('_');
      }
    });
    return folder(entities, EEG) + "/" + b + "desc-" + band + "_stat-" + statistic(measure)
        + "_relmat.tsv";
  }

  /** An EEG recording's QC table: {@code sub-X/eeg/<entities>_desc-eeg_qc.tsv}. */
  public static String eegQc(Map<String, String> entities) {
    return runFile(entities, EEG, Set.of("desc"), "desc-eeg_", "qc");
  }

  /**
   * Relative path of a group-level relmat (one per atlas over a cohort's runs, not any one
   * subject's):
   * {@code group/<datatype>/[space-<S>_]atlas-<A>_stat-<statistic>_desc-<D>_relmat.tsv}.
   *
   * @param space the runs' template space, or null
   */
  public static String groupRelmat(String space, String datatype, String atlas,
      String statistic, String desc) {
    return GROUP_FOLDER + "/" + datatype + "/" + (space == null ? "" : "space-" + space + "_")
        + "atlas-" + atlas + "_stat-" + statistic + "_desc-" + desc + "_relmat.tsv";
  }

  /** Relative path of a region time series TSV. */
  public static String timeseries(Map<String, String> entities, String atlas) {
    return folder(entities, "func") + "/" + stem(entities, atlas, "mean") + "_timeseries.tsv";
  }

  /** Relative path of the regions' coverage TSV ({@code stat-coverage_bold}). */
  public static String coverage(Map<String, String> entities, String atlas) {
    return folder(entities, "func") + "/" + stem(entities, atlas, "coverage") + "_bold.tsv";
  }

  /** The motion traces of a run: its entities without space and desc, {@code _motion.tsv}. */
  public static String motion(Map<String, String> entities) {
    return runFile(entities, Set.of("space", "desc", "cohort", "den", "res"), "", "motion");
  }

  /** The censoring mask of a run: {@code _outliers.tsv}, named as the motion file. */
  public static String outliers(Map<String, String> entities) {
    return runFile(entities, Set.of("space", "desc", "cohort", "den", "res"), "", "outliers");
  }

  /**
   * The nuisance design of a run: its entities without space, desc kept (fMRIPrep's
   * {@code desc-preproc} BOLD gives {@code ..._desc-preproc_design.tsv}, as in XCP-D's outputs).
   */
  public static String design(Map<String, String> entities) {
    return runFile(entities, Set.of("space", "cohort", "den", "res"), "", "design");
  }

  /** The per-run QC table: its entities without desc, then {@code desc-linc_qc.tsv}. */
  public static String qc(Map<String, String> entities) {
    return runFile(entities, Set.of("desc", "den", "res"), "desc-linc_", "qc");
  }

  /** A file of one run's {@code func} folder: entities less {@code dropped}, then more. */
  private static String runFile(Map<String, String> entities, Set<String> dropped,
      String more, String suffix) {
    return runFile(entities, "func", dropped, more, suffix);
  }

  private static String runFile(Map<String, String> entities, String datatype,
      Set<String> dropped, String more, String suffix) {
    StringBuilder b = new StringBuilder();
    entities.forEach((k, v) -> {
      if (!dropped.contains(k)) {
        b.append(k).append('-').append(v).append('_');
      }
    });
    return folder(entities, datatype) + "/" + b + more + suffix + ".tsv";
  }
}
