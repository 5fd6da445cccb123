package org.sparkconnectome.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

class StreamlineInspectorTest {
  private static final double TOLERANCE = 1e-4;
  private final ObjectMapper mapper = new ObjectMapper();
  private final StreamlineInspector inspector = new StreamlineInspector();

  private static Path formats() {
    return TestData.formats();
  }

  @Test
  void matchesEveryExpectedTractogram() throws IOException {
    Path formats = formats();
    List<Path> expectedFiles = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(formats.resolve("expected"),
        "*.{tck,trk}.json")) {
      stream.forEach(expectedFiles::add);
    }
    assertTrue(expectedFiles.size() >= 7, "expected tractogram files: " + expectedFiles);
    for (Path expectedFile : expectedFiles) {
      ObjectNode expected = (ObjectNode) mapper.readTree(expectedFile.toFile());
      // Provenance of the reference file (script, nibabel version), not part of the contract.
      expected.remove("generated_by");
      String name = expected.get("file").asText();
      LocalDataSource source = new LocalDataSource(formats.resolve(name));
      assertTrue(inspector.accepts(name));
      if (expected.get("kind").asText().equals("error")) {
        assertThrows(FormatException.class, () -> inspector.inspect(source, List.of()), name);
        continue;
      }
      JsonNode actual = mapper.valueToTree(inspector.inspect(source, List.of()));
      assertJsonEquals(expected, actual, name);
    }
  }

  @Test
  void noMagicNumberIsRefusedNamingTheMagic() {
    LocalDataSource source = new LocalDataSource(formats().resolve("no_magic_number.tck"));
    FormatException e = assertThrows(FormatException.class,
        () -> inspector.inspect(source, List.of()));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void describesCountsAndHeaderFields() throws IOException {
    Map<String, Object> trk = inspector.inspect(
        new LocalDataSource(formats().resolve("standard.trk")), List.of());
    String text = inspector.describe(trk);
    assertTrue(text.contains("TrackVis"), text);
    assertTrue(text.matches("(?s).*streamlines:\\s+120\\n.*"), text);
    assertTrue(text.contains("voxel_order:"), text);
    assertTrue(text.contains("n_count:"), text);
    Map<String, Object> tck = inspector.inspect(
        new LocalDataSource(formats().resolve("simple.tck")), List.of());
    String tckText = inspector.describe(tck);
    assertTrue(tckText.matches("(?s).*count:\\s+0000000003\\n.*"), tckText);
    assertTrue(tckText.contains("Float32LE"), tckText);
    assertFalse(inspector.accepts("brain.nii.gz"));
    assertTrue(Inspectors.forFile("x.TCK").isPresent());
    assertInstanceOf(StreamlineInspector.class, Inspectors.forFile("a.trk").orElseThrow());
  }

  /** Same keys in the same order, numbers within {@link #TOLERANCE}. */
  private static void assertJsonEquals(JsonNode expected, JsonNode actual, String where) {
    if (expected.isNumber()) {
      assertTrue(actual.isNumber(), where + ": expected a number, got " + actual);
      assertEquals(expected.asDouble(), actual.asDouble(), TOLERANCE, where);
    } else if (expected.isObject()) {
      assertTrue(actual.isObject(), where + ": expected an object, got " + actual);
      assertEquals(fieldNames(expected), fieldNames(actual), where + ": keys");
      expected.fieldNames().forEachRemaining(key ->
          assertJsonEquals(expected.get(key), actual.get(key), where + "." + key));
    } else if (expected.isArray()) {
      assertTrue(actual.isArray(), where + ": expected an array, got " + actual);
      assertEquals(expected.size(), actual.size(), where + ": length");
      for (int i = 0; i < expected.size(); i++) {
        assertJsonEquals(expected.get(i), actual.get(i), where + "[" + i + "]");
      }
    } else {
      assertEquals(expected, actual, where);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
