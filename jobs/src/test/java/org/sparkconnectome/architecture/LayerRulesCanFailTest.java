package org.sparkconnectome.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link LayerRules}, run on the deliberately broken classes of the fixtures
 * package, reports exactly the dependencies it exists to forbid, and lets the allowed ones be.
 */
class LayerRulesCanFailTest {
  private static final String ROOT = "org.sparkconnectome.architecture.fixtures";

  private static JavaClasses fixtures;

  @BeforeAll
  static void importFixtures() {
    fixtures = new ClassFileImporter().importPackages(ROOT);
  }

  /** The rule's violations, one line per offending dependency, after asserting there are some. */
  private static List<String> violations(ArchRule rule) {
    EvaluationResult result = rule.evaluate(fixtures);
    assertTrue(result.hasViolation(), rule.getDescription());
    return result.getFailureReport().getDetails();
  }

  /** Whether a line reports a dependency of {@code origin} (its subject) on {@code target}. */
  private static boolean mentions(List<String> lines, String origin, String target) {
    return lines.stream().anyMatch(l -> {
      int subject = l.indexOf('<') + 1;
      int end = l.indexOf('>', subject);
      return l.startsWith(ROOT + "." + origin, subject)
          && l.indexOf(ROOT + "." + target, end) > 0;
    });
  }

  @Test
  void layersCatchAnUpwardDependency() {
    List<String> lines = violations(LayerRules.layers(ROOT).withOptionalLayers(true)
        .because(LayerRules.LAYERS_BECAUSE));
    assertTrue(mentions(lines, "config.Settings", "cli.Command"), String.join("\n", lines));
    assertTrue(mentions(lines, "graph.Graph", "fmri.Bold"), String.join("\n", lines));
    assertFalse(mentions(lines, "cli.Command", "config.Settings"), String.join("\n", lines));
  }

  @Test
  void cyclesAreFound() {
    String report = String.join("\n", violations(LayerRules.noCycles(ROOT)));
    assertTrue(report.contains("config") && report.contains("cli"), report);
  }

  @Test
  void graphAndKernelsMayNotUseJobsPackages() {
    List<String> lines = violations(LayerRules.modulesIgnoreJobs(ROOT));
    assertTrue(mentions(lines, "graph.Graph", "fmri.Bold"), String.join("\n", lines));
    assertFalse(mentions(lines, "kernels.Kernel", "graph.Graph"), String.join("\n", lines));
  }

  @Test
  void kernelsMayUseNeitherGraphNorSpark() {
    List<String> lines = violations(LayerRules.kernelsStandAlone(ROOT));
    assertTrue(mentions(lines, "kernels.Kernel", "graph.Graph"), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains("org.apache.spark.sql.Row")),
        String.join("\n", lines));
  }

  @Test
  void theEngineMayNotNameAModality() {
    List<String> lines = violations(LayerRules.engineNamesNoModality(ROOT));
    assertTrue(mentions(lines, "pipeline.Engine", "fmri.Bold"), String.join("\n", lines));
  }

  @Test
  void stagesMayNotUseEachOtherButVoxelMayUseFmri() {
    List<String> lines = violations(LayerRules.stagesIndependent(ROOT));
    assertTrue(mentions(lines, "dwi.Tracks", "fmri.Bold"), String.join("\n", lines));
    assertFalse(lines.stream().anyMatch(l -> l.contains(ROOT + ".voxel")),
        String.join("\n", lines));
  }
}
