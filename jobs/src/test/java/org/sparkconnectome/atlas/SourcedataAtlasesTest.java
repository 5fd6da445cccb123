package org.sparkconnectome.atlas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.io.LocalDataSource;

/** The atlases of a pass as the output dataset carries them, in XCP-D's layout. */
class SourcedataAtlasesTest {
  private static final String TOY = "tpl-MNI152NLin2009cAsym_res-04_atlas-Toy_desc-12Regions_dseg";

  @TempDir
  Path dir;

  @Test
  void namesTheCopyAsXcpdDoes() {
    assertEquals("sourcedata/atlases/atlas-Toy12Regions/"
        + "atlas-Toy12Regions_space-MNI152NLin2009cAsym_res-04_dseg.nii.gz",
        SourcedataAtlases.imagePath("Toy12Regions", "/in/" + TOY + ".nii.gz"));
    assertEquals("bids::sourcedata/atlases/atlas-Sample/atlas-Sample_dseg.nii",
        SourcedataAtlases.bidsUri("Sample", "file:/in/atlas/atlas-Sample_dseg.nii"));
    assertEquals("sourcedata/atlases/atlas-Sample/atlas-Sample_dseg.tsv",
        SourcedataAtlases.tablePath("Sample"));
  }

  @Test
  void copiesImageAndTableAndDescribesThem() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Path image = in.resolve(TOY + ".nii.gz");
    NiftiWriter.writeImage(image, new NiftiImageSpec(new long[] {2, 1, 1},
        new double[] {4, 4, 4}, new double[][] {{4, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 4, 0},
            {0, 0, 0, 1}}, NiftiDataType.INT16, new XyztUnits("mm", "sec"), 0),
        new double[] {1, 2});
    Files.writeString(in.resolve("tpl-MNI152NLin2009cAsym_atlas-Toy_desc-12Regions_dseg.tsv"),
        "index\tlabel\n1\ta\n2\tb\n");
    Atlas atlas = Atlas.load(new LocalDataSource(image)).withName("Toy12Regions");
    Path out = dir.resolve("out");
    List<String> written = SourcedataAtlases.write(new Configuration(), out.toString(),
        List.of(atlas));
    String folder = "sourcedata/atlases/atlas-Toy12Regions/";
    String stem = folder + "atlas-Toy12Regions_space-MNI152NLin2009cAsym_res-04_dseg";
    assertEquals(List.of(stem + ".nii.gz", folder + "atlas-Toy12Regions_dseg.tsv",
        stem + ".json", "sourcedata/atlases/dataset_description.json"), written);
    assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(out.resolve(stem
        + ".nii.gz")));
    Atlas copy = Atlas.load(new LocalDataSource(out.resolve(stem + ".nii.gz")));
    assertEquals(atlas.regions(), copy.regions(), "the copy finds its table by inheritance");

    ObjectMapper json = new ObjectMapper();
    JsonNode sidecar = json.readTree(out.resolve(stem + ".json").toFile());
    assertEquals("Toy12Regions", sidecar.get("Name").asText());
    assertEquals(TOY + ".nii.gz", sidecar.get("SourceFile").asText());
    assertEquals("MNI152NLin2009cAsym", sidecar.get("Template").asText());
    assertEquals("04", sidecar.get("Resolution").asText());
    assertEquals(2, sidecar.get("NumberOfRegions").asInt());
    assertFalse(sidecar.toString().contains(in.toString()), "no input path: " + sidecar);
    JsonNode description = json.readTree(out.resolve(
        "sourcedata/atlases/dataset_description.json").toFile());
    assertEquals("atlas", description.get("DatasetType").asText());
    assertFalse(Files.exists(out.resolve(stem + ".nii.gz.crc")));
  }
}
