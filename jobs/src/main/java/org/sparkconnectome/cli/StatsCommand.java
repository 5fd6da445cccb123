package org.sparkconnectome.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.stats.ClassificationJob;
import org.sparkconnectome.stats.ClassificationResult;
import org.sparkconnectome.stats.ClassificationSettings;
import org.sparkconnectome.stats.ClusteringJob;
import org.sparkconnectome.stats.ClusteringResult;
import org.sparkconnectome.stats.CohortFeatures;
import org.sparkconnectome.stats.EdgeComponents;
import org.sparkconnectome.stats.EdgeGlm;
import org.sparkconnectome.stats.FeatureLoader;
import org.sparkconnectome.stats.GroupDesign;
import org.sparkconnectome.stats.NbsResult;
import org.sparkconnectome.stats.NetworkBasedStatistic;
import org.sparkconnectome.stats.PredictionJob;
import org.sparkconnectome.stats.PredictionResult;
import org.sparkconnectome.stats.PredictionSettings;
import org.sparkconnectome.stats.StatsConfig;
import org.sparkconnectome.stats.StatsOutputs;
import org.sparkconnectome.spark.SparkCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.sparkconnectome.config.UserException;

/** {@code connectome stats}: cohort statistics on the tables of {@code connectome run}. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Cohort statistics on connectome tables: classification (MLlib, subject-"
        + "grouped cross-validation, permutation test), clustering, and the network-based "
        + "statistic. Defaults: conf/stats.yaml.",
    subcommands = {StatsCommand.Classify.class, StatsCommand.Predict.class,
        StatsCommand.Cluster.class, StatsCommand.Nbs.class})
final class StatsCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every stats command shares: where the tables are and which features to use. */
  static final class FeatureOptions {
    @Option(names = "--tables", required = true, paramLabel = "DIR",
        description = "OUT/tables of a finished 'connectome run' (path or URI).")
    String tables;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Output folder (local), created when missing.")
    Path out;

    @Option(names = "--atlas", paramLabel = "NAME",
        description = "Atlas of the connectomes (default: the only one in the table).")
    String atlas;

    @Option(names = "--measure", paramLabel = "NAME",
        description = "pearson, partial, shrunk, covariance or tangent (default: "
            + "features.measure of conf/stats.yaml).")
    String measure;

    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML settings over conf/stats.yaml.")
    String config;

    @Option(names = "--seed", description = "Seed of folds, permutations and fits.")
    Long seed;

    StatsConfig settings() {
      StatsConfig c = StatsConfig.defaults();
      if (config != null) {
        try (InputStream in = DataSources.open(config).openStream()) {
          c = c.withYaml(in, config);
        } catch (IOException e) {
          throw new UserException(config + ": cannot read: " + e.getMessage());
        }
      }
      return c;
    }

    CohortFeatures load(SparkSession spark, StatsConfig c, List<String> required)
        throws IOException {
      String a = atlas != null ? atlas : c.get("features.atlas");
      String m = measure != null ? measure : c.get("features.measure");
      return FeatureLoader.load(spark, tables, a, m, c.getBoolean("features.fisher_z"),
          required);
    }

    long seed(StatsConfig c) {
      return seed != null ? seed : c.getLong("seed");
    }

    Map<String, Object> describe(CohortFeatures f, StatsConfig c) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tables", tables);
      m.put("atlas", f.atlas());
      m.put("measure", f.measure());
      m.put("fisher_z", c.getBoolean("features.fisher_z"));
      m.put("n_regions", f.regions().size());
      m.put("seed", seed(c));
      return m;
    }
  }

  /** {@code --pca}, shared by the commands that may reduce the features first. */
  static final class PcaOption {
    @Option(names = "--pca", paramLabel = "K",
        description = "Principal components the features are reduced to (0: none).")
    Integer pca;

    /** The option, else {@code SECTION.pca_components} of the settings. */
    int components(StatsConfig c, String section) {
      return pca != null ? pca : c.getInt(section + ".pca_components");
    }
  }

  /** {@code --permutations}, shared by the commands with a permutation test. */
  static final class PermutationsOption {
    @Option(names = "--permutations", paramLabel = "N",
        description = "Label permutations for the p-value.")
    Integer permutations;

    /** The option, else {@code SECTION.permutations} of the settings; never negative. */
    int count(StatsConfig c, String section) {
      int n = permutations != null ? permutations : c.getInt(section + ".permutations");
      if (n < 0) {
        throw new UserException("--permutations must not be negative");
      }
      return n;
    }
  }

  /**
   * A stats subcommand: the feature options every one takes, Spark's lifecycle, and the one line
   * it prints when done.
   */
  abstract static class Subcommand extends SparkCommand {
    @Mixin
    FeatureOptions features;

    /** Prints the result line and returns exit code 0. */
    int printed(String format, Object... args) {
      print(format, args);
      return ConnectomeCli.EXIT_OK;
    }
  }

  /**
   * What {@code work} computes; an IllegalArgumentException from it (a bad setting, design or
   * cohort) is the user's to fix, and becomes a UserException with its message.
   */
  static <T> T userFixable(Supplier<T> work) {
    try {
      return work.get();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  /** {@code stats classify}. */
  @Command(name = "classify", mixinStandardHelpOptions = true,
      description = {"Classify subjects by a participants column with an MLlib pipeline "
          + "(StandardScaler, optional PCA, logistic regression / linear SVM / random forest) "
          + "under cross-validation with whole subjects (or sites) per fold.",
          "Writes DIR/classification.json (auc, balanced_accuracy, p_value, n_subjects, "
              + "folds, confusion, top_edges, settings) and DIR/top_edges.tsv.",
          "The p-value is a permutation test (labels shuffled among subjects) of the "
              + "cross-validated AUC; with --permutation-method local its statistic is a ridge "
              + "classifier's AUC on the same features and folds (for --model mlp the "
              + "perceptron itself, refitted in the tasks), computed on the executors."})
  static final class Classify extends Subcommand {
    @Option(names = "--label", description = "Participants column to predict (default: group).")
    String label;

    @Option(names = "--model", description = "logistic, svm, forest, gbt (gradient-boosted "
        + "trees, two classes) or mlp (multilayer perceptron).")
    String model;

    @Option(names = "--layers", paramLabel = "H,...", split = ",",
        description = "mlp: hidden layer sizes (inputs and the two outputs are added).")
    List<Integer> layers;

    @Option(names = "--block-size", description = "mlp: rows per block of matrix products.")
    Integer blockSize;

    @Option(names = "--step-size", description = "mlp: the solver's step size.")
    Double stepSize;

    @Option(names = "--max-iter", description = "Iterations of logistic, svm and mlp fits.")
    Integer maxIter;

    @Option(names = "--folds", description = "Cross-validation folds.")
    Integer folds;

    @Mixin
    PermutationsOption permutations;

    @Option(names = "--permutation-method", description = "local or mllib.")
    String permutationMethod;

    @Mixin
    PcaOption pca;

    @Option(names = "--positive", description = "Label value of the positive class.")
    String positive;

    @Option(names = "--site-column", description = "Participants column of the site.")
    String siteColumn;

    @Option(names = "--combat", description = "ComBat-harmonise features across sites.")
    boolean combat;

    @Option(names = "--site-folds", description = "Keep whole sites in one fold.")
    boolean siteFolds;

    @Mixin
    FusionOptions fusion;

    @Override
    protected String appName() {
      return "stats classify";
    }

    /** {@code --layers}, else {@code classify.hidden_layers} (comma list). */
    private int[] hiddenLayers(StatsConfig c) {
      List<Integer> h = layers != null ? layers : Arrays.stream(
          c.get("classify.hidden_layers").split(",")).map(String::trim)
          .filter(v -> !v.isEmpty()).map(Integer::valueOf).toList();
      return h.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected int runWithSpark(SparkSession spark) throws Exception {
      StatsConfig c = features.settings();
      String labelColumn = label != null ? label : c.get("classify.label");
      boolean useCombat = combat || c.getBoolean("classify.combat");
      boolean bySite = siteFolds || c.getBoolean("classify.site_folds");
      String site = siteColumn != null ? siteColumn : c.get("classify.site_column");
      int perms = permutations.count(c, "classify");
      int components = pca.components(c, "classify");
      ClassificationSettings s = userFixable(() -> new ClassificationSettings(
          model != null ? model : c.get("classify.model"),
          folds != null ? folds : c.getInt("classify.folds"), perms,
          permutationMethod != null ? permutationMethod : c.get("classify.permutation_method"),
          components, c.getDouble("classify.reg_param"), c.getDouble("classify.elastic_net"),
          maxIter != null ? maxIter : c.getInt("classify.max_iter"), c.getInt("classify.trees"),
          c.getInt("classify.top_edges"), c.getDouble("classify.permutation_ridge"),
          bySite, useCombat, positive, features.seed(c), hiddenLayers(c),
          blockSize != null ? blockSize : c.getInt("classify.block_size"),
          stepSize != null ? stepSize : c.getDouble("classify.step_size")));
      List<String> required = new ArrayList<>(List.of(labelColumn));
      if (useCombat || bySite) {
        required.add(site);
      }
      CohortFeatures cohort = fusion.load(features, spark, c, required);
      ClassificationResult result = userFixable(() -> new ClassificationJob(spark, s)
          .run(cohort, labelColumn, useCombat || bySite ? site : null));
      Map<String, Object> settings = fusion.describe(features, cohort, c);
      settings.put("label", labelColumn);
      settings.put("model", s.model());
      settings.put("folds", s.folds());
      settings.put("fold_groups", bySite ? "site:" + site : "subject");
      settings.put("pca_components", s.pcaComponents());
      settings.put("reg_param", s.regParam());
      settings.put("elastic_net", s.elasticNet());
      settings.put("permutations", s.permutations());
      settings.put("permutation_method", s.permutationMethod());
      settings.put("permutation_ridge", s.ridge());
      settings.put("max_iter", s.maxIter());
      if (s.model().equals("mlp")) {
        settings.put("hidden_layers", s.hiddenLayers());
        settings.put("block_size", s.blockSize());
        settings.put("step_size", s.stepSize());
      }
      if (s.model().equals("gbt") || s.model().equals("forest")) {
        settings.put("trees", s.trees());
      }
      settings.put("combat", useCombat ? "parametric empirical Bayes (Johnson 2007) across "
          + site + ", fitted within each training fold" : "off");
      StatsOutputs.writeClassification(features.out, result, settings);
      return printed("AUC %.3f, balanced accuracy %.3f, p = %.4g (%d subjects); %s%n",
          result.auc(), result.balancedAccuracy(), result.pValue(), result.nSubjects(),
          features.out.resolve("classification.json"));
    }
  }

  /** {@code stats predict}. */
  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = {"Predict a continuous participants column (age, a score) from the "
          + "connectomes (one row per subject): MLlib LinearRegression, ridge or elastic net, "
          + "with nested subject-grouped cross-validation (inner folds choose the penalty).",
          "Confounds are regressed out of the features and ComBat fitted within every "
              + "training set. The p-value permutes the target among subjects and reruns the "
              + "whole nested cross-validation.",
          "Writes DIR/prediction.json (r, p_value, n_subjects, fold_r, fold_reg_param, mae, "
              + "settings) and DIR/predictions.tsv."})
  static final class Predict extends Subcommand {
    @Option(names = "--target", required = true, description = "Participants column.")
    String target;

    @Option(names = "--folds", description = "Outer folds.")
    Integer folds;

    @Option(names = "--inner-folds", description = "Inner folds choosing the penalty.")
    Integer innerFolds;

    @Option(names = "--reg-params", paramLabel = "A,...", split = ",",
        description = "Penalty grid (MLlib regParam on standardised features and target).")
    List<Double> regParams;

    @Option(names = "--elastic-net", description = "0 ridge, 1 lasso, between: elastic net.")
    Double elasticNet;

    @Mixin
    PermutationsOption permutations;

    @Option(names = "--permutation-method", description = "local (ridge) or mllib.")
    String permutationMethod;

    @Option(names = "--confounds", paramLabel = "COL,...", split = ",",
        description = "Participants columns regressed out of the features (e.g. mean_fd,site).")
    List<String> confounds;

    @Option(names = "--site-column", description = "Participants column of the site.")
    String siteColumn;

    @Option(names = "--combat", description = "ComBat-harmonise features across sites.")
    boolean combat;

    @Override
    protected String appName() {
      return "stats predict";
    }

    @Override
    protected int runWithSpark(SparkSession spark) throws Exception {
      StatsConfig c = features.settings();
      boolean useCombat = combat || c.getBoolean("predict.combat");
      String site = siteColumn != null ? siteColumn : c.get("classify.site_column");
      List<String> cov = confounds != null ? confounds
          : Arrays.stream(c.get("predict.confounds").split(",")).map(String::trim)
              .filter(v -> !v.isEmpty()).toList();
      double[] grid = (regParams != null ? regParams
          : Arrays.stream(c.get("predict.reg_params").split(",")).map(String::trim)
              .map(Double::valueOf).toList()).stream().mapToDouble(Double::doubleValue)
          .toArray();
      PredictionSettings s = userFixable(() -> new PredictionSettings(
          folds != null ? folds : c.getInt("predict.folds"),
          innerFolds != null ? innerFolds : c.getInt("predict.inner_folds"), grid,
          elasticNet != null ? elasticNet : c.getDouble("predict.elastic_net"),
          permutations.count(c, "predict"),
          permutationMethod != null ? permutationMethod : c.get("predict.permutation_method"),
          useCombat, features.seed(c)));
      List<String> required = new ArrayList<>(List.of(target));
      required.addAll(cov);
      if (useCombat) {
        required.add(site);
      }
      CohortFeatures cohort = features.load(spark, c, required);
      PredictionResult result = userFixable(() -> new PredictionJob(spark, s)
          .run(cohort, target, cov, useCombat ? site : null));
      Map<String, Object> settings = features.describe(cohort, c);
      settings.put("target", target);
      settings.put("model", s.model());
      settings.put("folds", s.folds());
      settings.put("inner_folds", s.innerFolds());
      settings.put("reg_params", s.regParams());
      settings.put("elastic_net", s.elasticNet());
      settings.put("permutations", s.permutations());
      settings.put("permutation_method", s.permutationMethod());
      settings.put("confounds", cov);
      settings.put("confounds_regressed_from", "features, within each training set");
      settings.put("combat", useCombat ? "parametric empirical Bayes (Johnson 2007) across "
          + site + ", fitted within each training set" : "off");
      StatsOutputs.writePrediction(features.out, result, settings);
      return printed("r %.3f, p = %.4g, MAE %.4g (%d subjects); %s%n", result.r(),
          result.pValue(), result.mae(), result.subjects().size(),
          features.out.resolve("prediction.json"));
    }
  }

  /** {@code stats cluster}. */
  @Command(name = "cluster", mixinStandardHelpOptions = true,
      description = "Cluster subjects with k-means and Gaussian mixtures over a range of k, "
          + "scored by silhouette: DIR/cluster.json and DIR/cluster_assignments.tsv.")
  static final class Cluster extends Subcommand {
    @Option(names = "--k-min", description = "Smallest k.")
    Integer kMin;

    @Option(names = "--k-max", description = "Largest k.")
    Integer kMax;

    @Mixin
    PcaOption pca;

    @Mixin
    FusionOptions fusion;

    @Override
    protected String appName() {
      return "stats cluster";
    }

    @Override
    protected int runWithSpark(SparkSession spark) throws Exception {
      StatsConfig c = features.settings();
      CohortFeatures cohort = fusion.load(features, spark, c, List.of());
      int lo = kMin != null ? kMin : c.getInt("cluster.k_min");
      int hi = kMax != null ? kMax : c.getInt("cluster.k_max");
      int components = pca.components(c, "cluster");
      ClusteringResult result = userFixable(() -> new ClusteringJob(spark)
          .run(cohort, lo, hi, components, features.seed(c)));
      Map<String, Object> settings = fusion.describe(features, cohort, c);
      settings.put("k_min", lo);
      settings.put("k_max", hi);
      settings.put("pca_components", components);
      StatsOutputs.writeClustering(features.out, result, settings);
      return printed("best k: %s; %s%n", result.bestK(), features.out.resolve("cluster.json"));
    }
  }

  /** {@code stats nbs}. */
  @Command(name = "nbs", mixinStandardHelpOptions = true,
      description = {"Network-based statistic (Zalesky 2010): edge-wise GLM t statistic of a "
          + "group contrast with covariates, connected components of edges with t >= "
          + "threshold, FWE-corrected p-value per component from the permutation null of the "
          + "largest component size (Freedman-Lane permutations on the cluster).",
          "Writes DIR/nbs.json, DIR/nbs_components.tsv, DIR/nbs_tstat.tsv and the table "
              + "DIR/tables/nbs_edges."})
  static final class Nbs extends Subcommand {
    @Option(names = "--contrast", required = true, paramLabel = "A-B",
        description = "Groups compared, tested direction A > B (e.g. patient-control).")
    String contrast;

    @Option(names = "--group-column", description = "Participants column of the groups.")
    String groupColumn;

    @Option(names = "--threshold", paramLabel = "T", description = "Primary t threshold.")
    Double threshold;

    @Option(names = "--threshold-statistic", paramLabel = "t|z",
        description = "Scale of --threshold: t, or z as MRtrix3 connectomestats.")
    String thresholdStatistic;

    @Mixin
    PermutationsOption permutations;

    @Option(names = "--covariates", paramLabel = "COL,...", split = ",",
        description = "Participants columns to adjust for (e.g. age,sex).")
    List<String> covariates;

    @Override
    protected String appName() {
      return "stats nbs";
    }

    @Override
    protected int runWithSpark(SparkSession spark) throws Exception {
      StatsConfig c = features.settings();
      String group = groupColumn != null ? groupColumn : c.get("nbs.group_column");
      List<String> cov = covariates != null ? covariates
          : Arrays.stream(c.get("nbs.covariates").split(",")).map(String::trim)
              .filter(s -> !s.isEmpty()).toList();
      double t = threshold != null ? threshold : c.getDouble("nbs.threshold");
      int perms = permutations.count(c, "nbs");
      List<String> required = new ArrayList<>(List.of(group));
      required.addAll(cov);
      CohortFeatures cohort = features.load(spark, c, required).perSubject();
      GroupDesign design = userFixable(() -> GroupDesign.of(cohort.rows(), group, contrast, cov));
      double[][] data = design.rows().stream().map(r -> r.values()).toArray(double[][]::new);
      EdgeGlm glm = userFixable(() -> EdgeGlm.prepare(data, design.matrix(), design.tested()));
      String scale = thresholdStatistic != null ? thresholdStatistic
          : c.get("nbs.threshold_statistic");
      double tThreshold = userFixable(
          () -> NetworkBasedStatistic.tThreshold(t, scale, glm.degreesOfFreedom()));
      long seed = features.seed(c);
      NbsResult result = NetworkBasedStatistic.run(
          JavaSparkContext.fromSparkContext(spark.sparkContext()), glm,
          EdgeComponents.upperTriangle(cohort.regions().size()), tThreshold, perms, seed);
      Map<String, Object> header = features.describe(cohort, c);
      header.put("contrast", design.groupA() + " > " + design.groupB());
      header.put("group_column", group);
      header.put("design_columns", design.columns());
      header.put("n_subjects", design.rows().size());
      header.put("n_edges", glm.edges());
      header.put("threshold_statistic", scale);
      header.put("threshold_given", t);
      header.put("degrees_of_freedom", glm.degreesOfFreedom());
      header.put("component_size", "number of edges; edges joined when they share a region");
      header.put("p_value", "(1 + #{permutations with largest component >= size}) / (1 + N)");
      header.put("excluded", cohort.excluded());
      StatsOutputs.writeNbs(spark, features.out, result, cohort.regions(), header);
      String best = result.components().isEmpty() ? "no supra-threshold edges"
          : String.format(Locale.ROOT, "largest component %d edges, p = %.4g",
              result.components().get(0).size(), result.components().get(0).pValue());
      return printed("%d components; %s; %s%n", result.components().size(), best,
          features.out.resolve("nbs.json"));
    }
  }
}
