package org.sparkconnectome.formats.cifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;

/** Every broken CIFTI file is refused before any data is used, naming the file and the fault. */
class CiftiValidationTest {
  /** What our message must say about each broken file of cifti/expected/broken.json. */
  private static final Map<String, String> FAULTS = Map.ofEntries(
      Map.entry("bad_xml.dtseries.nii", "not well-formed"),
      Map.entry("wrong_length.dtseries.nii", "has 13 entries but the matrix has 12"),
      Map.entry("vertex_range.dtseries.nii", "vertex index 99, outside its surface of 99"),
      Map.entry("voxel_range.dtseries.nii", "outside the volume's VolumeDimensions [10, 12, 3]"),
      Map.entry("bad_tiling.dtseries.nii", "must tile the axis"),
      Map.entry("zero_step.dtseries.nii", "SeriesStep 0.0 is not positive"),
      Map.entry("unknown_intent.dtseries.nii", "intent_code 3005 is not a supported"),
      Map.entry("map_count.dlabel.nii", "labels axis of dimension 0 has 2 entries but the "
          + "matrix has 1"),
      Map.entry("truncated.dtseries.nii", "truncated"),
      Map.entry("no_extension.dtseries.nii", "without the CIFTI-2 XML extension (code 32)"),
      Map.entry("nifti1.dtseries.nii", "CIFTI-2 files are NIfTI-2"));

  @TestFactory
  Stream<DynamicTest> refusesEveryBrokenFile() throws IOException {
    JsonNode broken = CiftiExpectations.broken().get("files");
    Set<String> names = new TreeSet<>();
    broken.fieldNames().forEachRemaining(names::add);
    assertEquals(new TreeSet<>(FAULTS.keySet()), names, "every broken file has its fault");
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : names) {
      tests.add(DynamicTest.dynamicTest(name, () -> {
        FormatException e = assertThrows(FormatException.class,
            () -> CiftiExpectations.open(name), broken.get(name).get("breaks").asText());
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(FAULTS.get(name)), e.getMessage());
      }));
    }
    return tests.stream();
  }

  @Test
  void refusesDoctypesSoNoEntityIsFetched(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(CiftiExpectations.dir().resolve("sample.ptseries.nii"));
    String text = new String(good, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("<CIFTI");
    String doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>";
    // The header extension keeps its size: the DOCTYPE overwrites the XML declaration's bytes
    // or, when there is none, the start of the XML, which is then no longer well-formed anyway.
    byte[] bad = good.clone();
    byte[] insert = doctype.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(insert, 0, bad, at, insert.length);
    Path file = dir.resolve("doctype.ptseries.nii");
    Files.write(file, bad);
    FormatException e = assertThrows(FormatException.class,
        () -> CiftiFile.open(new LocalDataSource(file)));
    assertTrue(e.getMessage().contains("doctype.ptseries.nii"), e.getMessage());
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  @Test
  void refusesGzippedFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sample.dtseries.nii.gz");
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 0});
    FormatException e = assertThrows(FormatException.class,
        () -> CiftiFile.open(new LocalDataSource(file)));
    assertTrue(e.getMessage().contains("gunzip"), e.getMessage());
  }
}
