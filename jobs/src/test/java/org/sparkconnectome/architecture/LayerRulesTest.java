package org.sparkconnectome.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md on the production classes of all three modules
 * (jobs, graph, gpu-kernels), tests left out.
 */
class LayerRulesTest {
  private static final String ROOT = "org.sparkconnectome";

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // gpu-kernels' test-jar (shared test fixtures) when Maven resolves it as a jar.
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages(ROOT);
  }

  @Test
  void importsAllThreeModulesAndNoTests() {
    // Guards against rules passing on an empty or partial import.
    assertTrue(production.contain(org.sparkconnectome.cli.ConnectomeCli.class));
    assertTrue(production.contain(org.sparkconnectome.graph.Connectome.class));
    assertTrue(production.contain(org.sparkconnectome.kernels.ComputeBackend.class));
    assertFalse(production.contain(LayerRulesTest.class));
    assertFalse(production.containPackage(ROOT + ".architecture.fixtures"));
  }

  @Test
  void layersDependOnlyDownwards() {
    LayerRules.layers(ROOT).ensureAllClassesAreContainedInArchitecture()
        .because(LayerRules.LAYERS_BECAUSE).check(production);
  }

  @Test
  void packagesHaveNoCycles() {
    LayerRules.noCycles(ROOT).check(production);
  }

  @Test
  void graphAndKernelsIgnoreJobs() {
    LayerRules.modulesIgnoreJobs(ROOT).check(production);
  }

  @Test
  void kernelsNeedNeitherGraphNorSpark() {
    LayerRules.kernelsStandAlone(ROOT).check(production);
  }

  @Test
  void engineNamesNoModality() {
    LayerRules.engineNamesNoModality(ROOT).check(production);
  }

  @Test
  void stagesDoNotDependOnEachOtherButVoxelOnFmri() {
    LayerRules.stagesIndependent(ROOT).check(production);
  }
}
