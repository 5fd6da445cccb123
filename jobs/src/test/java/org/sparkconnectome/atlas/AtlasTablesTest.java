package org.sparkconnectome.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.io.LocalDataSource;

/** Atlas file names as TemplateFlow writes them, and the region table found for each. */
class AtlasTablesTest {
  private static final String SCHAEFER =
      "tpl-MNI152NLin2009cAsym_res-02_atlas-Schaefer2018_desc-400Parcels7Networks_dseg";

  @TempDir
  Path dir;

  @Test
  void parsesTemplateFlowEntities() {
    AtlasName name = AtlasName.of("/data/tpl-MNI152NLin2009cAsym/" + SCHAEFER + ".nii.gz");
    assertEquals(SCHAEFER, name.stem());
    assertEquals("MNI152NLin2009cAsym", name.template());
    assertEquals("02", name.get("res"));
    assertEquals("Schaefer2018", name.get("atlas"));
    assertEquals("400Parcels7Networks", name.get("desc"));
    assertEquals("dseg", name.suffix());
    assertEquals("MNI152NLin6Asym", AtlasName.of("atlas-Tian_space-MNI152NLin6Asym_res-01_dseg"
        + ".nii.gz").template(), "XCP-D's order, space- for tpl-");
    assertTrue(AtlasName.of("my_parcels.nii.gz").entities().isEmpty(), "not BIDS");
  }

  @Test
  void looksForTheExactStemFirstThenDropsResThenTheOtherGridEntities() {
    assertEquals(List.of(SCHAEFER + ".tsv",
        "tpl-MNI152NLin2009cAsym_atlas-Schaefer2018_desc-400Parcels7Networks_dseg.tsv",
        "atlas-Schaefer2018_desc-400Parcels7Networks_dseg.tsv"),
        AtlasName.of(SCHAEFER + ".nii.gz").tableCandidates());
    assertEquals(List.of("tpl-MNIInfant_cohort-1_res-1_atlas-X_dseg.tsv",
        "tpl-MNIInfant_cohort-1_atlas-X_dseg.tsv", "tpl-MNIInfant_atlas-X_dseg.tsv",
        "atlas-X_dseg.tsv"),
        AtlasName.of("tpl-MNIInfant_cohort-1_res-1_atlas-X_dseg.nii.gz").tableCandidates());
    assertEquals(List.of("my_parcels.tsv"), AtlasName.of("my_parcels.nii").tableCandidates());
  }

  @Test
  void findsTemplateFlowsTableWithoutRes() throws IOException {
    Path image = writeImage(SCHAEFER + ".nii.gz");
    Path table = dir.resolve(
        "tpl-MNI152NLin2009cAsym_atlas-Schaefer2018_desc-400Parcels7Networks_dseg.tsv");
    Files.writeString(table, "index\tname\n1\t7Networks_LH_Vis_1\n2\t7Networks_RH_Vis_1\n");
    Atlas atlas = Atlas.load(new LocalDataSource(image));
    assertEquals("Schaefer2018", atlas.name());
    assertEquals(table.toString(), atlas.table());
    assertEquals(List.of("7Networks_LH_Vis_1", "7Networks_RH_Vis_1"), atlas.regionNames());
    assertEquals("MNI152NLin2009cAsym", atlas.template());
  }

  @Test
  void prefersTheTableOfTheExactStem() throws IOException {
    Path image = writeImage(SCHAEFER + ".nii.gz");
    Files.writeString(dir.resolve(SCHAEFER + ".tsv"), "index\tname\n1\tExact\n2\tB\n");
    Files.writeString(dir.resolve(
        "tpl-MNI152NLin2009cAsym_atlas-Schaefer2018_desc-400Parcels7Networks_dseg.tsv"),
        "index\tname\n1\tInherited\n2\tB\n");
    assertEquals("Exact", Atlas.load(new LocalDataSource(image)).regions().get(0).name());
  }

  @Test
  void readsLabelAndNetworkLabelColumns() throws IOException {
    Path image = writeImage("tpl-MNI152NLin6Asym_res-01_atlas-4S156Parcels_dseg.nii.gz");
    Files.writeString(dir.resolve("tpl-MNI152NLin6Asym_atlas-4S156Parcels_dseg.tsv"),
        "index\tlabel\tnetwork_label\themisphere\r\n1\tLH_Vis_1\tVis\tL\r\n"
            + "2\tRH_Default_1\tDefault\tR\r\n");
    Atlas atlas = Atlas.load(new LocalDataSource(image));
    assertEquals(new Atlas.Region(1, "LH_Vis_1", "Vis", "L"), atlas.regions().get(0));
    assertEquals(new Atlas.Region(2, "RH_Default_1", "Default", "R"), atlas.regions().get(1));
  }

  @Test
  void nameWinsOverLabelAndNetworkOverNetworkLabel() throws IOException {
    Path image = writeImage("atlas-Both_dseg.nii.gz");
    Files.writeString(dir.resolve("atlas-Both_dseg.tsv"),
        "index\tlabel\tname\tnetwork_label\tnetwork\n1\tl1\tn1\tnl1\tw1\n2\tl2\tn2\t\tn/a\n");
    Atlas atlas = Atlas.load(new LocalDataSource(image));
    assertEquals(new Atlas.Region(1, "n1", "w1", null), atlas.regions().get(0));
    assertNull(atlas.regions().get(1).network());
  }

  @Test
  void aMissingTableNamesEveryFileLookedFor() throws IOException {
    Path image = writeImage(SCHAEFER + ".nii.gz");
    FormatException e = assertThrows(FormatException.class,
        () -> Atlas.load(new LocalDataSource(image)));
    assertTrue(e.getMessage().contains(SCHAEFER + ".tsv"), e.getMessage());
    assertTrue(e.getMessage().contains(
        "tpl-MNI152NLin2009cAsym_atlas-Schaefer2018_desc-400Parcels7Networks_dseg.tsv"),
        e.getMessage());
    assertTrue(e.getMessage().contains("name or label"), e.getMessage());
  }

  @Test
  void aTableWithoutANameColumnSaysWhichItNeeds() throws IOException {
    Path image = writeImage("atlas-Bad_dseg.nii.gz");
    Files.writeString(dir.resolve("atlas-Bad_dseg.tsv"), "index\tregion\n1\ta\n2\tb\n");
    FormatException e = assertThrows(FormatException.class,
        () -> Atlas.load(new LocalDataSource(image)));
    assertTrue(e.getMessage().contains("'index' and 'name' (or 'label')"), e.getMessage());
  }

  /** A 2x1x1 image with labels 1 and 2. */
  private Path writeImage(String fileName) throws IOException {
    Path image = dir.resolve(fileName);
    double[][] affine = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};
    NiftiWriter.writeImage(image, new NiftiImageSpec(new long[] {2, 1, 1},
        new double[] {2, 2, 2}, affine, NiftiDataType.INT16, new XyztUnits("mm", "sec"), 0),
        new double[] {1, 2});
    return image;
  }
}
