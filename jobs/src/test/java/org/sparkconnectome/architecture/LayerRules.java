package org.sparkconnectome.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;

/**
 * The project's package rules, stated once for any root package: the production code's
 * ({@code org.sparkconnectome}) and the deliberately broken fixtures' that prove each rule can
 * fail. See docs/architecture.md.
 */
final class LayerRules {
  static final String FOUNDATION = "foundation";
  static final String FORMATS = "formats";
  static final String ANALYSIS = "analysis";
  static final String STAGE_CONTRACT = "stage contract";
  static final String STAGES = "stages";
  static final String REPORT = "report";
  static final String PIPELINE = "pipeline";
  static final String CLI = "cli";

  /** Bottom to top; a layer may depend only on the layers before it. */
  static final List<String> ORDER = List.of(FOUNDATION, FORMATS, ANALYSIS, STAGE_CONTRACT,
      STAGES, PIPELINE, REPORT, CLI);

  /** The modalities' packages, each a {@code stage.Stage} found by the ServiceLoader. */
  static final List<String> MODALITY_PACKAGES = List.of("fmri", "dwi", "voxel", "cifti", "eeg",
      "coupling");

  /**
   * The packages of the stages layer, one slice each: the modalities, and network, which reads
   * the connectome table of any modality through the stage contract's schema.
   */
  static final List<String> STAGE_PACKAGES = List.of("fmri", "dwi", "voxel", "cifti", "eeg",
      "coupling", "network");

  /** The modules below jobs: gpu-kernels ({@code kernels}) and graph. */
  static final List<String> MODULE_PACKAGES = List.of("kernels", "graph");

  private LayerRules() {
  }

  /** {@code root.p..} for each package p. */
  private static String[] packages(String root, String... names) {
    return Arrays.stream(names).map(n -> root + "." + n + "..").toArray(String[]::new);
  }

  /** Why {@link #layers}: to follow it with {@code because}. */
  static final String LAYERS_BECAUSE = "dependencies point one way, down: foundation "
      + "(configuration, storage, tables, Spark plumbing, the kernels and graph modules) < file "
      + "formats, BIDS and voxel-space geometry < signal, sample cohort and statistics < the "
      + "stage contract < the stages (modalities and network) < the cohort engine and the "
      + "cohort parcellation < report and "
      + "inspection < the command line";

  /** The eight layers, each allowed the layers below it and nothing above. */
  static LayeredArchitecture layers(String root) {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer(FOUNDATION).definedBy(packages(root, "config", "io", "tables", "spark",
            "kernels", "graph"))
        .layer(FORMATS).definedBy(packages(root, "formats", "bids", "atlas"))
        .layer(ANALYSIS).definedBy(packages(root, "signal", "sample", "stats"))
        .layer(STAGE_CONTRACT).definedBy(packages(root, "stage"))
        .layer(STAGES).definedBy(packages(root, STAGE_PACKAGES.toArray(String[]::new)))
        // parcel is a second cohort-wide job (parcellate): it reads BOLD through the fmri and
        // voxel stages as the engine's stages do, and only the command line uses it.
        .layer(PIPELINE).definedBy(packages(root, "pipeline", "parcel"))
        .layer(REPORT).definedBy(packages(root, "report", "inspect", "share"))
        .layer(CLI).definedBy(packages(root, "cli"));
    layers = layers.whereLayer(FOUNDATION).mayNotAccessAnyLayer();
    for (int i = 1; i < ORDER.size(); i++) {
      layers = layers.whereLayer(ORDER.get(i))
          .mayOnlyAccessLayers(ORDER.subList(0, i).toArray(String[]::new));
    }
    return layers;
  }

  /** No cycles between the top-level packages. */
  static ArchRule noCycles(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles()
        .because("a cycle between packages makes neither one usable nor testable alone");
  }

  /** graph and gpu-kernels know nothing of the jobs module. */
  static ArchRule modulesIgnoreJobs(String root) {
    return noClasses().that().resideInAnyPackage(packages(root, "graph", "kernels"))
        .should().dependOnClassesThat(resideInAPackage(root + "..")
            .and(not(resideInAnyPackage(packages(root, "graph", "kernels")))))
        .because("graph and gpu-kernels are modules below jobs, reusable without it");
  }

  /** gpu-kernels is "nothing of ours": no graph, no Spark. */
  static ArchRule kernelsStandAlone(String root) {
    return noClasses().that().resideInAPackage(root + ".kernels..")
        .should().dependOnClassesThat().resideInAnyPackage(root + ".graph..",
            "org.apache.spark..")
        .because("the kernels run inside Spark tasks but must load and test without Spark or "
            + "the graph module (JVM, CUDA and OpenCL backends of plain arrays)");
  }

  /** The cohort engine finds the modalities through the stage contract and never names one. */
  static ArchRule engineNamesNoModality(String root) {
    return noClasses().that().resideInAPackage(root + ".pipeline..")
        .should().dependOnClassesThat().resideInAnyPackage(
            packages(root, MODALITY_PACKAGES.toArray(String[]::new)))
        .because("the engine runs every stage.Stage the ServiceLoader finds, so a modality is "
            + "added without changing it (docs/adding-a-modality.md)");
  }

  /**
   * Stages do not reach into one another, with two stated exceptions: voxel and cifti use fmri.
   */
  static ArchRule stagesIndependent(String root) {
    SliceAssignment stages = new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        for (String stage : STAGE_PACKAGES) {
          String p = root + "." + stage;
          if (javaClass.getPackageName().equals(p)
              || javaClass.getPackageName().startsWith(p + ".")) {
            return SliceIdentifier.of(stage);
          }
        }
        return SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "stages of " + root;
      }
    };
    return slices().assignedFrom(stages).should().notDependOnEachOther()
        .ignoreDependency(resideInAPackage(root + ".voxel.."), resideInAPackage(root + ".fmri.."))
        .ignoreDependency(resideInAPackage(root + ".cifti.."), resideInAPackage(root + ".fmri.."))
        .because("each stage depends only on the stage contract and the layers below, so a "
            + "stage is added or changed alone; the exceptions are voxel -> fmri (the "
            + "voxel-level connectome is computed from the fMRI stage's BOLD run selection, "
            + "settings and denoising, so that both levels see the same cleaned signal) and "
            + "cifti -> fmri (grayordinates are another reader and parcellation of the same "
            + "BOLD work, not a second pipeline)");
  }
}
