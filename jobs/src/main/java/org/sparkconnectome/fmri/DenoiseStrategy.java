package org.sparkconnectome.fmri;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkconnectome.config.UserException;

/**
 * Which fMRIPrep confound columns a denoising strategy regresses out, by the names the field
 * uses (Satterthwaite 2013, Ciric 2017; XCP-D's and nilearn's load_confounds strategies).
 */
public final class DenoiseStrategy implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] MOTION = {"trans_x", "trans_y", "trans_z", "rot_x", "rot_y",
      "rot_z"};
  private static final String[] TISSUE = {"white_matter", "csf", "global_signal"};
  private static final int ACOMPCOR_COMPONENTS = 5;

  private final String name;
  private final List<String> columns;

  private DenoiseStrategy(String name, List<String> columns) {
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  /**
   * The strategy for {@code fmri.denoise}; {@code custom} takes {@code customColumns}, a comma
   * list of column names.
   */
  public static DenoiseStrategy of(String strategy, String customColumns) {
    String key = strategy.trim();
    List<String> cols = new ArrayList<>();
    switch (key.toLowerCase(Locale.ROOT)) {
      case "none":
        break;
      case "motion6":
        cols.addAll(List.of(MOTION));
        break;
      case "24p":
        expanded(MOTION, cols);
        break;
      case "36p":
        expanded(MOTION, cols);
        expanded(TISSUE, cols);
        break;
      case "acompcor":
        for (int i = 0; i < ACOMPCOR_COMPONENTS; i++) {
          cols.add(String.format(Locale.ROOT, "a_comp_cor_%02d", i));
        }
        cols.addAll(List.of(MOTION));
        break;
      case "custom":
        for (String c : customColumns.split(",")) {
          if (!c.isBlank()) {
            cols.add(c.trim());
          }
        }
        if (cols.isEmpty()) {
          throw new UserException("fmri.denoise=custom needs fmri.custom_confounds, a comma "
              + "list of confound column names");
        }
        break;
      default:
        throw new UserException("fmri.denoise=" + strategy + " is not a strategy: use none, "
            + "motion6, 24P, 36P, acompcor or custom");
    }
    return new DenoiseStrategy(key, cols);
  }

  /** Each base column, its temporal derivative, and both squared (the "expansion"). */
  private static void expanded(String[] bases, List<String> out) {
    for (String base : bases) {
      out.add(base);
      out.add(base + "_derivative1");
      out.add(base + "_power2");
      out.add(base + "_derivative1_power2");
    }
  }

  public String name() {
    return name;
  }

  /** The confound columns, in a fixed order. */
  public List<String> columns() {
    return columns;
  }
}
