package org.sparkconnectome.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/** Compares {@code inspect} on every real image with what nibabel read from it. */
class ImageInspectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path formats() {
    return TestData.formats();
  }

  @TestFactory
  Stream<DynamicTest> matchesNibabelOnEveryRealImage() throws IOException {
    Path formats = formats();
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(formats.resolve("expected"))) {
      for (Path json : files.sorted().toList()) {
        JsonNode expected = JSON.readTree(json.toFile());
        if (!"image".equals(expected.path("kind").asText())) {
          continue;
        }
        Path image = formats.resolve(expected.get("file").asText());
        tests.add(DynamicTest.dynamicTest(image.getFileName().toString(),
            () -> compare(image, expected)));
      }
    }
    assertFalse(tests.isEmpty(), "no expected image JSON in " + formats);
    return tests.stream();
  }

  private static void compare(Path image, JsonNode expected) throws IOException {
    List<long[]> probes = new ArrayList<>();
    for (JsonNode probe : expected.get("probes")) {
      long[] index = new long[probe.get("index").size()];
      for (int i = 0; i < index.length; i++) {
        index[i] = probe.get("index").get(i).asLong();
      }
      probes.add(index);
    }
    ImageInspector inspector = new ImageInspector();
    assertTrue(inspector.accepts(image.getFileName().toString()));
    Map<String, Object> got = inspector.inspect(new LocalDataSource(image), probes);
    JsonNode actual = JSON.readTree(JSON.writeValueAsString(got));
    List<String> keys = new ArrayList<>();
    actual.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("kind", "format", "shape", "datatype", "pixdim", "affine", "qform_code",
        "sform_code", "scl_slope", "scl_inter", "xyzt_units", "intent_code", "stats", "probes"),
        keys.subList(0, 14), "contract key order");
    for (String key : List.of("kind", "format", "shape", "datatype", "qform_code", "sform_code",
        "xyzt_units", "intent_code")) {
      assertEquals(expected.get(key), actual.get(key), key);
    }
    for (int i = 0; i < expected.get("pixdim").size(); i++) {
      assertEquals(expected.get("pixdim").get(i).asDouble(),
          actual.get("pixdim").get(i).asDouble(), 1e-12, "pixdim " + i);
    }
    assertEquals(expected.get("pixdim").size(), actual.get("pixdim").size());
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        assertEquals(expected.get("affine").get(r).get(c).asDouble(),
            actual.get("affine").get(r).get(c).asDouble(), 1e-4, "affine " + r + "," + c);
      }
    }
    checkScaling(image, expected, actual);
    for (String stat : List.of("sum", "mean", "min", "max")) {
      double want = expected.get("stats").get(stat).asDouble();
      double have = actual.get("stats").get(stat).asDouble();
      assertEquals(want, have, 1e-6 * Math.max(1, Math.abs(want)), "stats." + stat);
    }
    assertEquals(expected.get("stats").get("nan_count").asLong(),
        actual.get("stats").get("nan_count").asLong());
    for (int p = 0; p < probes.size(); p++) {
      double want = expected.get("probes").get(p).get("value").asDouble();
      assertEquals(want, actual.get("probes").get(p).get("value").asDouble(),
          1e-9 * Math.max(1, Math.abs(want)), "probe " + p);
    }
  }

  /**
   * nibabel moves the scaling out of the header into the data proxy on load, so its header (and
   * the expected JSON) always says NaN/null, and so do we. The scaling the file declares is in
   * data_scaling: absent for none or the identity, else exactly the stored float32 slope and
   * intercept, read here independently from bytes 112 and 116. The stats and probes above prove
   * it is applied.
   */
  private static void checkScaling(Path image, JsonNode expected, JsonNode actual)
      throws IOException {
    assertTrue(expected.get("scl_slope").isNull());
    byte[] head = org.sparkconnectome.formats.nifti.NiftiTestAccess.plainHeader(image);
    ByteBuffer h = ByteBuffer.wrap(head).order(ByteBuffer.wrap(head)
        .order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 348 ? ByteOrder.LITTLE_ENDIAN
        : ByteOrder.BIG_ENDIAN);
    double slope = h.getFloat(112);
    double inter = h.getFloat(116);
    boolean identity = slope == 1 && inter == 0;
    assertTrue(actual.get("scl_slope").isNull(), "scl_slope");
    assertTrue(actual.get("scl_inter").isNull(), "scl_inter");
    if (slope == 0 || !Double.isFinite(slope) || identity) {
      assertTrue(actual.get("data_scaling") == null, "data_scaling");
    } else {
      assertEquals(slope, actual.at("/data_scaling/slope").asDouble(), 0.0);
      assertEquals(inter, actual.at("/data_scaling/inter").asDouble(), 0.0);
    }
  }

  @Test
  void refusesProbeOutsideTheImage() throws IOException {
    Path standard = formats().resolve("standard.nii.gz");
    UserException e = assertThrows(UserException.class, () -> new ImageInspector()
        .inspect(new LocalDataSource(standard), List.<long[]>of(new long[] {9, 9, 9})));
    assertEquals("--probe 9,9,9: outside the image shape [4,5,7]", e.getMessage());
  }

  @Test
  void reportsMillisecondTrAsWarningAndDescribesIt() throws IOException {
    ImageInspector inspector = new ImageInspector();
    Map<String, Object> got = inspector.inspect(
        new LocalDataSource(formats().resolve("example4d.nii.gz")), List.of());
    Object warnings = got.get("warnings");
    assertTrue(warnings instanceof List<?> list && list.size() == 1
        && list.get(0).toString().contains("looks like milliseconds"), String.valueOf(warnings));
    String text = inspector.describe(got);
    assertTrue(text.contains("shape        [128, 96, 24, 2]"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("warning")), text);
    Map<String, Object> plain = inspector.inspect(
        new LocalDataSource(formats().resolve("functional.nii")), List.of());
    assertNull(plain.get("warnings"));
  }
}
