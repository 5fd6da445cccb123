package org.sparkconnectome.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.parcel.BootstrapResample;
import org.sparkconnectome.parcel.BootstrapSettings;
import org.sparkconnectome.parcel.CohortFeatures;
import org.sparkconnectome.parcel.NcutClustering;
import org.sparkconnectome.parcel.ParcelClustering;
import org.sparkconnectome.parcel.ParcelQuality;
import org.sparkconnectome.parcel.ParcellationOutputs;
import org.sparkconnectome.parcel.Stability;
import org.sparkconnectome.spark.SparkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connectome parcellate}: a group atlas from the cohort's own BOLD data. */
@Command(
    name = "parcellate",
    mixinStandardHelpOptions = true,
    description = {
        "Group parcellation of the cohort's BOLD runs (one grid) by spatially constrained "
            + "Ward clustering (scikit-learn's AgglomerativeClustering with grid_to_graph) or "
            + "by Craddock et al. 2012's two-level spatially constrained normalised cut, "
            + "written as OUT/atlases/atlas-NAME/atlas-NAME_dseg.nii.gz + .tsv + .json, "
            + "which run --atlas accepts, with per-parcel homogeneity and silhouette and, "
            + "with --bootstrap, a stability map. See docs/parcellation.md."
    })
final class ParcellateCommand extends SparkCommand {

  @Option(names = "--bids", required = true, paramLabel = "DIR",
      description = "BIDS dataset or fMRIPrep derivatives (path, hdfs:// or s3a://).")
  private String bids;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  private String out;

  @Option(names = "--method", defaultValue = "ward", paramLabel = "ward|ncut",
      description = "Clustering method (default ${DEFAULT-VALUE}): ward on the concatenated "
          + "series, or ncut: each run's neighbour-correlation graph cut into K, then the group "
          + "graph of how often neighbours share a run's cluster cut into K.")
  private String method;

  @Option(names = "--ncut-threshold", defaultValue = "0.5", paramLabel = "R",
      description = "ncut: a run's neighbour correlation must exceed R for an edge "
          + "(default ${DEFAULT-VALUE}, Craddock et al. 2012).")
  private double ncutThreshold;

  @Option(names = "--ncut-neighbours", defaultValue = "26", paramLabel = "6|18|26",
      description = "ncut: the voxel neighbourhood of the graphs (default ${DEFAULT-VALUE}, "
          + "the 3 x 3 x 3 neighbourhood).")
  private int ncutNeighbours;

  @Option(names = "--n-parcels", required = true, paramLabel = "K",
      description = "Number of parcels.")
  private int parcels;

  @Option(names = "--mask", paramLabel = "FILE",
      description = "Mask on the runs' grid; default: the runs' fMRIPrep brain masks, else "
          + "voxels with non-zero variance in every run.")
  private String mask;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The atlas- value of the outputs (default: METHOD followed by K).")
  private String name;

  @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "B",
      description = "Bootstrap resamples for the stability map, one Spark task each "
          + "(default ${DEFAULT-VALUE}); the split-half ARI is always computed.")
  private int bootstrap;

  @Option(names = "--bootstrap-resample", defaultValue = "both",
      paramLabel = "subjects|windows|both",
      description = "What a resample draws with replacement: the subjects, each run's time "
          + "windows (circular block bootstrap), or both as Bellec et al. 2010 (default "
          + "${DEFAULT-VALUE}).")
  private String bootstrapResample;

  @Option(names = "--bootstrap-block", defaultValue = "0", paramLabel = "N",
      description = "Volumes per block of the window bootstrap (default 0: round(sqrt(T)) "
          + "of each run's T kept volumes).")
  private int bootstrapBlock;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
      description = "Seed of the bootstrap draws (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--save-features", description = "Also write the feature matrix as "
      + "atlas-NAME_features.npy (float64, voxels x volumes), e.g. for a peer check.")
  private boolean saveFeatures;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML settings over the defaults of conf/pipeline.yaml (fmri.* cleaning).")
  private String configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "One setting, e.g. fmri.denoise=none; repeatable; wins over --config.")
  private List<String> assignments = new ArrayList<>();

  private FunctionalSettings settings;

  private BootstrapResample resample;

  @Override
  protected String appName() {
    return "parcellate";
  }

  @Override
  protected void validateOptions() {
    if (!method.equals("ward") && !method.equals("ncut")) {
      throw new UserException("--method " + method + ": give ward or ncut");
    }
    if (ncutNeighbours != 6 && ncutNeighbours != 18 && ncutNeighbours != 26) {
      throw new UserException("--ncut-neighbours " + ncutNeighbours + ": give 6, 18 or 26");
    }
    if (!(ncutThreshold > -1 && ncutThreshold < 1)) {
      throw new UserException("--ncut-threshold " + ncutThreshold + ": a correlation "
          + "threshold lies between -1 and 1");
    }
    if (parcels < 2) {
      throw new UserException("--n-parcels " + parcels + ": give at least 2");
    }
    if (bootstrap < 0) {
      throw new UserException("--bootstrap " + bootstrap + ": give 0 or more resamples");
    }
    if (bootstrapBlock < 0) {
      throw new UserException("--bootstrap-block " + bootstrapBlock + ": give 0 (round(sqrt(T)) "
          + "per run) or a number of volumes");
    }
    resample = BootstrapResample.parse(bootstrapResample);
    if (name == null) {
      name = method + parcels;
    }
    if (!name.matches("[a-zA-Z0-9]+")) {
      throw new UserException("--name " + name + ": a BIDS label has letters and digits only");
    }
    PipelineConfig config = PipelineConfig.defaults();
    if (configFile != null) {
      try (InputStream in = DataSources.open(configFile).openStream()) {
        config = config.withYaml(in, configFile);
      } catch (IOException e) {
        throw new UserException(configFile + ": cannot read: " + e.getMessage());
      }
    }
    for (String assignment : assignments) {
      config = config.withAssignment(assignment);
    }
    settings = FunctionalSettings.from(config);
  }

  @Override
  protected int runWithSpark(SparkSession spark) throws Exception {
    String outRoot = PipelineOptions.qualified(spark, out);
    CohortFeatures cohort = CohortFeatures.read(spark,
        PipelineOptions.qualified(spark, bids), mask, settings);
    int n = cohort.graph().size();
    if (parcels > n) {
      throw new UserException("--n-parcels " + parcels + " exceeds the " + n
          + " voxels of the group mask (" + cohort.maskSource() + ")");
    }
    boolean ward = method.equals("ward");
    int pieces = cohort.graph().components();
    if (ward && pieces > parcels) {
      throw new UserException("the group mask (" + cohort.maskSource() + ") falls in " + pieces
          + " disconnected pieces, more than --n-parcels " + parcels + ": Ward on the voxel "
          + "grid cannot join them (give a connected --mask or more parcels)");
    }
    BootstrapSettings plan = new BootstrapSettings(bootstrap, resample, bootstrapBlock, seed);
    Stability.refuseImpossible(cohort, plan);
    print("parcellate: %d runs, %d voxels, %d features, %s into %d parcels%n",
        cohort.runs().size(), n, cohort.width(), ward ? "Ward" : "normalised cut", parcels);
    Map<String, Object> sidecar = new LinkedHashMap<>();
    sidecar.put("Method", method);
    ParcelClustering clustering;
    int[] labels;
    int found;
    NcutClustering.GroupCut groupCut = null;
    if (ward) {
      clustering = ParcelClustering.WARD;
      labels = clustering.cluster(cohort, parcels);
      found = parcels;
      sidecar.put("Description", "Spatially constrained agglomerative Ward clustering on the "
          + "6-neighbour voxel grid graph of the group mask (as scikit-learn's "
          + "AgglomerativeClustering(linkage='ward', connectivity=grid_to_graph(...)))");
      sidecar.put("NParcels", parcels);
    } else {
      NcutClustering ncut = new NcutClustering(ncutNeighbours, ncutThreshold, seed);
      clustering = ncut;
      groupCut = ncut.cohortCut(spark, cohort, parcels);
      labels = groupCut.cut().labels();
      found = groupCut.cut().count();
      sidecar.put("Description", "Two-level spatially constrained normalised cut (Craddock "
          + "et al. 2012): each run's graph of voxel neighbours (" + ncutNeighbours
          + "-neighbourhood) weighted by their Pearson correlation where it exceeds "
          + ncutThreshold + " is cut into " + parcels + " clusters; the group graph weights "
          + "each neighbour edge by the fraction of runs whose cut keeps its voxels together "
          + "and is cut into " + parcels + " clusters. Normalised cut: Yu and Shi's "
          + "regularised degrees (offset 0.5), the top eigenvectors of D^-1/2 (W + Dr) D^-1/2 "
          + "(ARPACK), Yu and Shi's discretisation");
      sidecar.put("NParcels", found);
      sidecar.put("NParcelsRequested", parcels);
      sidecar.put("NcutThreshold", ncutThreshold);
      sidecar.put("NcutNeighbours", ncutNeighbours);
      sidecar.put("GroupGraphEdges", groupCut.edges()[0].length);
      sidecar.put("GroupEigenvalues", groupCut.cut().eigenvalues());
      sidecar.put("Seed", seed);
      sidecar.put("DiscretisationStartNode", groupCut.cut().startNode());
      if (found < parcels) {
        print("parcellate: the discretisation left %d of the %d clusters empty: %d parcels%n",
            parcels - found, parcels, found);
      }
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ParcellationOutputs outputs = new ParcellationOutputs(conf, outRoot, name);
    sidecar.put("Features", "each run's voxel series cleaned as fmri.* says (denoise "
        + settings.strategy() + ", detrend " + settings.detrend() + "), standardised "
        + "(mean 0, variance 1)" + (ward ? ", concatenated in time over runs in path order"
        : ", one individual graph per run"));
    sidecar.put("Mask", cohort.maskSource());
    sidecar.put("MaskVoxels", n);
    sidecar.put("FeatureCount", cohort.width());
    sidecar.put("Runs", cohort.runs().stream().map(CohortFeatures.RunColumns::bold).toList());
    sidecar.put("RunsLeftOut", cohort.failed());
    sidecar.put("LabelOrder", "parcel 1 holds the first mask voxel in C order of the "
        + "(x, y, z) grid; each next parcel the first voxel not yet labelled");
    outputs.writeAtlas(cohort.graph(), cohort.affine(), labels, found, sidecar);
    ParcelQuality quality = ParcelQuality.of(cohort.features(), cohort.width(), labels,
        found);
    outputs.writeQuality(quality);
    Stability stability = Stability.of(spark, cohort, labels, parcels, clustering, plan);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("SplitHalfAdjustedRandIndex", Double.isNaN(stability.splitHalfAri()) ? null
        : stability.splitHalfAri());
    summary.put("SplitHalves", "subjects in label order, alternately to half A and B");
    summary.put("Bootstraps", bootstrap);
    summary.put("BootstrapResample", resample.label());
    summary.put("BootstrapResampleDescription", switch (resample) {
      case SUBJECTS -> "subjects drawn with replacement, each with all its runs";
      case WINDOWS -> "each run's volumes by the circular block bootstrap (Bellec et al. "
          + "2010), the cohort's subjects kept";
      case BOTH -> "subjects drawn with replacement, then each drawn run's volumes by the "
          + "circular block bootstrap (Bellec et al. 2010)";
    });
    if (stability.blocks() != null) {
      summary.put("BootstrapBlockRule", bootstrapBlock > 0 ? "--bootstrap-block "
          + bootstrapBlock : "round(sqrt(T)) of each run's T kept volumes");
      summary.put("BootstrapBlockVolumes", stability.blocks());
    }
    summary.put("Seed", seed);
    summary.put("MeanSilhouette", quality.meanSilhouette());
    if (stability.voxelStability() != null) {
      double mean = 0;
      for (double v : stability.voxelStability()) {
        mean += v;
      }
      summary.put("MeanStability", mean / n);
    }
    outputs.writeStability(cohort.graph(), cohort.affine(), stability, summary);
    if (saveFeatures) {
      outputs.writeFeatures(cohort.features(), n, cohort.width());
      if (groupCut != null) {
        outputs.writeGroupGraph(groupCut.edges(), groupCut.groupWeights());
      }
    }
    print("Atlas: %s%nMean silhouette %.3f; split-half ARI %s%n",
        outputs.file("_dseg.nii.gz"), quality.meanSilhouette(),
        Double.isNaN(stability.splitHalfAri()) ? "n/a (one subject)"
            : String.format(java.util.Locale.ROOT, "%.3f", stability.splitHalfAri()));
    return cohort.failed().isEmpty() ? ConnectomeCli.EXIT_OK : ConnectomeCli.EXIT_PARTIAL;
  }
}
