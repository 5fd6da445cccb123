package org.sparkconnectome.fmri;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.signal.Detrend;

/**
 * A plain-language description of what the fMRI stage did, with citations, for a paper's methods
 * section (as XCP-D's boilerplate): built from the settings alone, so every run of a pass carries
 * the same text in its sidecars and the HTML report shows it once. Strategies this class does not
 * know by name are described by the confound columns they regress.
 */
public final class MethodsText {
  private static final int LISTED_COLUMNS = 12;
  private static final Map<String, String> REFERENCES = Map.ofEntries(
      Map.entry("power2012", "Power JD, Barnes KA, Snyder AZ, Schlaggar BL, Petersen SE (2012). "
          + "Spurious but systematic correlations in functional connectivity MRI networks arise "
          + "from subject motion. NeuroImage 59(3):2142-2154. "
          + "doi:10.1016/j.neuroimage.2011.10.018"),
      Map.entry("friston1996", "Friston KJ, Williams S, Howard R, Frackowiak RS, Turner R "
          + "(1996). Movement-related effects in fMRI time-series. Magnetic Resonance in "
          + "Medicine 35(3):346-355. doi:10.1002/mrm.1910350312"),
      Map.entry("satterthwaite2013", "Satterthwaite TD, Elliott MA, Gerraty RT, Ruparel K, "
          + "Loughead J, Calkins ME, Eickhoff SB, Hakonarson H, Gur RC, Gur RE, Wolf DH (2013). "
          + "An improved framework for confound regression and filtering for control of motion "
          + "artifact in the preprocessing of resting-state functional connectivity data. "
          + "NeuroImage 64:240-256. doi:10.1016/j.neuroimage.2012.08.052"),
      Map.entry("ciric2017", "Ciric R, Wolf DH, Power JD, Roalf DR, Baum GL, Ruparel K, "
          + "Shinohara RT, Elliott MA, Eickhoff SB, Davatzikos C, Gur RC, Gur RE, Bassett DS, "
          + "Satterthwaite TD (2017). Benchmarking of participant-level confound regression "
          + "strategies for the control of motion artifact in studies of functional "
          + "connectivity. NeuroImage 154:174-187. doi:10.1016/j.neuroimage.2017.03.020"),
      Map.entry("behzadi2007", "Behzadi Y, Restom K, Liau J, Liu TT (2007). A component based "
          + "noise correction method (CompCor) for BOLD and perfusion based fMRI. NeuroImage "
          + "37(1):90-101. doi:10.1016/j.neuroimage.2007.04.042"),
      Map.entry("hallquist2013", "Hallquist MN, Hwang K, Luna B (2013). The nuisance of "
          + "nuisance regression: spectral misspecification in a common approach to "
          + "resting-state fMRI preprocessing reintroduces noise and obscures functional "
          + "connectivity. NeuroImage 82:208-225. doi:10.1016/j.neuroimage.2013.05.116"),
      Map.entry("lindquist2019", "Lindquist MA, Geuter S, Wager TD, Caffo BS (2019). Modular "
          + "preprocessing pipelines can reintroduce artifacts into fMRI data. Human Brain "
          + "Mapping 40(8):2358-2376. doi:10.1002/hbm.24528"),
      Map.entry("ledoit2004", "Ledoit O, Wolf M (2004). A well-conditioned estimator for "
          + "large-dimensional covariance matrices. Journal of Multivariate Analysis "
          + "88(2):365-411. doi:10.1016/S0047-259X(03)00096-4"),
      Map.entry("varoquaux2010", "Varoquaux G, Baronnet F, Kleinschmidt A, Fillard P, Thirion B "
          + "(2010). Detection of brain functional-connectivity difference in post-stroke "
          + "patients using group-level covariance modeling. MICCAI 2010, Lecture Notes in "
          + "Computer Science 6361:200-208. doi:10.1007/978-3-642-15705-9_25"),
      Map.entry("fisher1915", "Fisher RA (1915). Frequency distribution of the values of the "
          + "correlation coefficient in samples from an indefinitely large population. "
          + "Biometrika 10(4):507-521. doi:10.2307/2331838"));
  private static final Map<String, String> CITED_AS = Map.ofEntries(
      Map.entry("power2012", "Power et al., 2012"),
      Map.entry("friston1996", "Friston et al., 1996"),
      Map.entry("satterthwaite2013", "Satterthwaite et al., 2013"),
      Map.entry("ciric2017", "Ciric et al., 2017"),
      Map.entry("behzadi2007", "Behzadi et al., 2007"),
      Map.entry("hallquist2013", "Hallquist et al., 2013"),
      Map.entry("lindquist2019", "Lindquist et al., 2019"),
      Map.entry("ledoit2004", "Ledoit and Wolf, 2004"),
      Map.entry("varoquaux2010", "Varoquaux et al., 2010"),
      Map.entry("fisher1915", "Fisher, 1915"));

  private final String paragraph;
  private final List<String> references;

  private MethodsText(String paragraph, List<String> references) {
    this.paragraph = paragraph;
    this.references = List.copyOf(references);
  }

  /** The text for these settings and atlases (by name, in the pass's order), over voxels. */
  public static MethodsText of(FunctionalSettings settings, List<String> atlases) {
    return of(settings, atlases, "voxels");
  }

  /**
   * The text for these settings and atlases, regions being means of {@code elements} (voxels,
   * grayordinates).
   */
  public static MethodsText of(FunctionalSettings settings, List<String> atlases,
      String elements) {
    Writer w = new Writer();
    w.sentence("Region time series and functional connectivity were computed with "
        + "spark-connectome " + SoftwareVersion.current() + " from the preprocessed BOLD runs");
    if (settings.smoothingFwhm() > 0) {
      w.sentence("Each volume was smoothed with a Gaussian kernel of "
          + number(settings.smoothingFwhm()) + " mm full width at half maximum");
    }
    w.sentence("The signal of each region was the mean over its " + elements + " with BOLD "
        + "signal, for " + (atlases.size() == 1 ? "the atlas " : "each of the atlases ")
        + String.join(", ", atlases) + "; regions with less than "
        + percent(settings.minRegionCoverage()) + " of their " + elements
        + " covered were set to n/a");
    dummyScans(w, settings);
    censoring(w, settings);
    w.sentence(nuisance(w, settings));
    bandpass(w, settings);
    w.sentence((settings.detrend() == Detrend.LINEAR ? "An intercept, a linear trend"
        : "An intercept") + " and the nuisance regressors were removed from the region "
        + "signals in one least-squares fit" + (settings.fdThreshold() > 0
            ? " estimated on the uncensored volumes, which are the only ones the connectivity "
                + "estimates use" : ""));
    measures(w, settings);
    return new MethodsText(w.text.toString().trim(), w.cited);
  }

  /** The description: plain text, citations as "(Author et al., year)". */
  public String paragraph() {
    return paragraph;
  }

  /** The full references cited, in the order of first citation. */
  public List<String> references() {
    return references;
  }

  private static void dummyScans(Writer w, FunctionalSettings settings) {
    if (settings.dummyScans() == null) {
      w.sentence("Volumes that fMRIPrep flagged as non-steady state (its "
          + "non_steady_state_outlier columns) were discarded at the start of each run");
    } else if (settings.dummyScans() > 0) {
      w.sentence("The first " + settings.dummyScans() + " volumes of each run were discarded");
    }
  }

  private static void censoring(Writer w, FunctionalSettings settings) {
    if (settings.fdThreshold() <= 0) {
      w.sentence("No volumes were censored");
      return;
    }
    w.sentence("Volumes with framewise displacement above " + number(settings.fdThreshold())
        + " mm " + w.cite("power2012") + " were censored: they were "
        + (settings.bandpass() == null ? "" : "replaced by interpolation before filtering and ")
        + "left out of the nuisance fit and of the connectivity estimates; runs with less than "
        + number(settings.minCleanSeconds()) + " s of uncensored data were not analysed");
  }

  private static String nuisance(Writer w, FunctionalSettings settings) {
    DenoiseStrategy strategy = settings.strategy();
    String name = strategy.name();
    List<String> columns = new ArrayList<>();
    boolean fmriprepOnly = true;
    for (DenoiseStrategy.Source source : strategy.sources()) {
      columns.addAll(source.columns());
      fmriprepOnly &= source.desc() != null && source.desc().equals(ConfoundTables.FMRIPREP);
    }
    String described = switch (name.toLowerCase(Locale.ROOT)) {
      case "none" -> null;
      case "motion6" -> "the six rigid-body head motion parameters (three translations, three "
          + "rotations)";
      case "24p" -> "the 24-parameter motion model " + w.cite("friston1996") + ": the six "
          + "motion parameters, their temporal derivatives, and the squares of these twelve";
      case "36p" -> "the 36-parameter model " + w.cite("satterthwaite2013", "ciric2017")
          + ": the six motion parameters and the mean white-matter, cerebrospinal-fluid and "
          + "global signals, their temporal derivatives, and the squares of these eighteen";
      case "acompcor" -> "the six motion parameters and their temporal derivatives, the top "
          + "five white-matter and the top five cerebrospinal-fluid anatomical CompCor "
          + "components " + w.cite("behzadi2007", "ciric2017") + " and fMRIPrep's discrete "
          + "cosine basis";
      default -> null;
    };
    if (described == null && !columns.isEmpty()) {
      String text = strategy.description().trim();
      if (!name.equals(DenoiseStrategy.CUSTOM) && !text.isEmpty()) {
        // Any other strategy (built-in or a user's file) is described by its own file.
        text = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        described = "those of the '" + name + "' strategy: "
            + Character.toLowerCase(text.charAt(0)) + text.substring(1);
      } else {
        described = "the " + columns.size() + " confound columns of the '" + name
            + "' strategy (" + listed(columns) + ")";
      }
    }
    return described == null
        ? "No nuisance regressors were used (fmri.denoise=" + name + ")"
        : "Nuisance regressors (fmri.denoise=" + name + ") were " + described
            + (fmriprepOnly ? ", as fMRIPrep's confounds give them"
                : ", as the run's confounds tables give them");
  }

  private static void bandpass(Writer w, FunctionalSettings settings) {
    double[] band = settings.bandpass();
    if (band == null) {
      w.sentence("No temporal filter was applied");
      return;
    }
    String pass = band[0] > 0 ? "band-pass filtered between " + number(band[0]) + " and "
        + number(band[1]) + " Hz" : "low-pass filtered below " + number(band[1]) + " Hz";
    w.sentence("Region signals and nuisance regressors alike were " + pass + " (the upper "
        + "edge capped at the Nyquist frequency) with a Butterworth filter of order "
        + settings.bandpassOrder() + " applied forward and backward for zero phase shift, so "
        + "that the regression does not reintroduce filtered-out noise "
        + w.cite("hallquist2013", "lindquist2019"));
  }

  private static void measures(Writer w, FunctionalSettings settings) {
    List<String> parts = new ArrayList<>();
    for (String m : settings.measures()) {
      parts.add(switch (m) {
        case "pearson" -> "Pearson correlation";
        case "partial" -> "partial correlation (from the inverse of the covariance; not written "
            + "where the covariance is numerically singular)";
        case "shrunk" -> "the correlation of the Ledoit-Wolf shrunk covariance "
            + w.cite("ledoit2004");
        case "covariance" -> "covariance";
        case FunctionalSettings.TANGENT -> "the tangent-space embedding of each run's "
            + "Ledoit-Wolf covariance of z-scored signals around the geometric mean of all runs "
            + "of the atlas " + w.cite("varoquaux2010");
        case "laggedcorrelation" -> "the lagged correlation of each ordered pair (the Pearson "
            + "correlation of largest magnitude over lags 1 to " + settings.maxLag()
            + " volumes, pairing only samples of one uncensored stretch)";
        case "grangerf" -> "the pairwise Granger causality F test of order "
            + settings.grangerOrder() + " (lags within uncensored stretches only)";
        case "conditionalgrangerf" -> "the conditional Granger causality F test of order "
            + settings.grangerOrder() + " in a vector autoregression of all regions";
        default -> m;
      });
    }
    w.sentence("Connectivity between regions was estimated as " + joined(parts));
    if (settings.fisherZ()) {
      w.sentence("Correlation matrices were also written Fisher z-transformed "
          + w.cite("fisher1915"));
    }
  }

  private static String listed(List<String> columns) {
    if (columns.size() <= LISTED_COLUMNS) {
      return String.join(", ", columns);
    }
    return String.join(", ", columns.subList(0, LISTED_COLUMNS)) + " and "
        + (columns.size() - LISTED_COLUMNS) + " more";
  }

  private static String joined(List<String> parts) {
    if (parts.size() <= 1) {
      return String.join("", parts);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
        + parts.get(parts.size() - 1);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
        : Double.toString(v);
  }

  private static String percent(double fraction) {
    return number(Math.round(fraction * 1000) / 10.0) + "%";
  }

  /** Sentences and the references they cite, in order. */
  private static final class Writer {
    private final StringBuilder text = new StringBuilder();
    private final List<String> cited = new ArrayList<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>();

    void sentence(String s) {
      text.append(s).append(". ");
    }

    String cite(String... keys) {
      List<String> names = new ArrayList<>();
      for (String key : keys) {
        if (seen.putIfAbsent(key, true) == null) {
          cited.add(REFERENCES.get(key));
        }
        names.add(CITED_AS.get(key));
      }
      return "(" + String.join("; ", names) + ")";
    }
  }
}
