package org.sparkconnectome.atlas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparkconnectome.config.UserException;

/**
 * The label each atlas of a pass writes its outputs under ({@code atlas-<LABEL>}): the one given
 * with {@code --atlas FILE:LABEL}, else the file name's {@code atlas-} value, with its
 * {@code desc-} value appended when another atlas of the pass shares that {@code atlas-} value
 * ({@code Schaefer2018} + {@code 400Parcels7Networks} gives
 * {@code Schaefer2018400Parcels7Networks}).
 * Two atlases that would still share a label are refused before any work: their outputs would
 * overwrite each other and their matrices mix in the tables.
 */
public final class AtlasLabels {
  private static final Pattern WITH_LABEL = Pattern.compile("(.+\\.nii(?:\\.gz)?):([^/\\\\:]*)");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]+");

  private AtlasLabels() {
  }

  /**
   * One atlas of a pass.
   *
   * @param file the label image, path or URI as given
   * @param label the label asked for, or null for the one the file name gives
   */
  public record Request(String file, String label) {
  }

  /**
   * An {@code --atlas} value, {@code FILE[:LABEL]}. A colon belongs to the label only after a
   * {@code .nii} or {@code .nii.gz} name, so URIs ({@code s3a://b/x_dseg.nii.gz},
   * {@code hdfs://host:8020/...}) need no escaping.
   */
  public static Request parse(String value) {
    Matcher m = WITH_LABEL.matcher(value);
    if (!m.matches()) {
      return new Request(value, null);
    }
    String label = m.group(2);
    if (!LABEL.matcher(label).matches()) {
      throw new UserException("--atlas " + value + ": the label after ':' must be letters and "
          + "digits (a BIDS label such as Schaefer400), found '" + label + "'");
    }
    return new Request(m.group(1), label);
  }

  /** The labels of the requests, in their order; a UserException when two would clash. */
  public static List<String> assign(List<Request> requests) {
    Map<String, Integer> families = new HashMap<>();
    for (Request r : requests) {
      String family = AtlasName.of(r.file()).get("atlas");
      if (family != null) {
        families.merge(family, 1, Integer::sum);
      }
    }
    List<String> labels = new ArrayList<>();
    Map<String, Request> byLabel = new LinkedHashMap<>();
    for (Request r : requests) {
      String label = r.label() != null ? r.label() : defaultLabel(AtlasName.of(r.file()),
          families);
      Request other = byLabel.putIfAbsent(label, r);
      if (other != null) {
        throw new UserException("atlases " + other.file() + " and " + r.file() + " would both "
            + "write their outputs as atlas-" + label + ": give each its own label with "
            + "--atlas FILE:LABEL (letters and digits)");
      }
      labels.add(label);
    }
    return labels;
  }

  private static String defaultLabel(AtlasName name, Map<String, Integer> families) {
    String family = name.get("atlas");
    if (family == null) {
      return Atlas.nameOf(name.stem());
    }
    String desc = name.get("desc");
    return families.get(family) > 1 && desc != null ? family + desc : family;
  }
}
