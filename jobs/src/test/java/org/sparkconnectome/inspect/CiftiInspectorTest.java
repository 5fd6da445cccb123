package org.sparkconnectome.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/** Compares {@code inspect} on every CIFTI test file with what nibabel read from it. */
class CiftiInspectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path cifti() {
    return TestData.reference().resolve("cifti");
  }

  @TestFactory
  Stream<DynamicTest> matchesNibabelOnEveryCiftiFile() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(cifti().resolve("expected"))) {
      for (Path json : files.sorted().toList()) {
        JsonNode expected = JSON.readTree(json.toFile());
        if (!"cifti".equals(expected.path("kind").asText())) {
          continue;
        }
        Path file = cifti().resolve(expected.get("file").asText());
        tests.add(DynamicTest.dynamicTest(file.getFileName().toString(),
            () -> compare(file, expected)));
      }
    }
    assertFalse(tests.isEmpty(), "no expected CIFTI JSON in " + cifti());
    return tests.stream();
  }

  private static void compare(Path file, JsonNode expected) throws IOException {
    String name = file.getFileName().toString();
    assertInstanceOf(CiftiInspector.class, Inspectors.forFile(name).orElseThrow(),
        "CIFTI files go to the CIFTI inspector, not the image one");
    CiftiInspector inspector = new CiftiInspector();
    Map<String, Object> got = inspector.inspect(new LocalDataSource(file), List.of());
    JsonNode actual = JSON.readTree(JSON.writeValueAsString(got));
    List<String> keys = new ArrayList<>();
    actual.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("kind", "intent", "intent_code", "shape", "datatype", "axes",
        "brain_structures", "stats"), keys.subList(0, 8), "contract key order");
    for (String key : List.of("kind", "intent", "intent_code", "shape", "datatype",
        "brain_structures", "file")) {
      assertEquals(expected.get(key), actual.get(key), key);
    }
    assertEquals(expected.get("axes").size(), actual.get("axes").size());
    for (int d = 0; d < expected.get("axes").size(); d++) {
      compareAxis(expected.get("axes").get(d), actual.get("axes").get(d), "axis " + d);
    }
    for (String stat : List.of("sum", "mean", "min", "max")) {
      double want = expected.get("stats").get(stat).asDouble();
      double have = actual.get("stats").get(stat).asDouble();
      assertEquals(want, have, 1e-9 * Math.max(1, Math.abs(want)), "stats." + stat);
    }
    assertEquals(expected.get("stats").get("nan_count"), actual.get("stats").get("nan_count"));
    String text = inspector.describe(got);
    assertTrue(text.contains(expected.get("intent").asText()), text);
  }

  private static void compareAxis(JsonNode expected, JsonNode actual, String where) {
    assertEquals(expected.get("kind"), actual.get("kind"), where);
    assertEquals(expected.get("length"), actual.get("length"), where);
    switch (expected.get("kind").asText()) {
      case "series" -> {
        for (String key : List.of("start", "step")) {
          assertEquals(expected.get(key).asDouble(), actual.get(key).asDouble(), 1e-12, key);
        }
        assertEquals(expected.get("unit"), actual.get("unit"));
      }
      case "scalars" -> assertEquals(expected.get("names"), actual.get("names"), where);
      case "labels" -> {
        for (int m = 0; m < expected.get("maps").size(); m++) {
          JsonNode e = expected.get("maps").get(m);
          JsonNode a = actual.get("maps").get(m);
          assertEquals(e.get("name"), a.get("name"), where);
          assertEquals(e.get("labels").size(), a.get("labels").size(), where);
          Iterator<JsonNode> labels = a.get("labels").elements();
          for (JsonNode label : e.get("labels")) {
            JsonNode got = labels.next();
            assertEquals(label.get("key"), got.get("key"), where);
            assertEquals(label.get("name"), got.get("name"), where);
          }
        }
      }
      case "parcels" -> {
        List<String> names = new ArrayList<>();
        expected.get("parcels").forEach(p -> names.add(p.get("name").asText()));
        List<String> got = new ArrayList<>();
        actual.get("names").forEach(n -> got.add(n.asText()));
        assertEquals(names, got, where);
        assertEquals(expected.get("surface_vertex_counts"), actual.get("surface_vertex_counts"));
        assertEquals(expected.get("volume_shape"), actual.get("volume_shape"));
      }
      default -> assertEquals(expected.get("volume_shape"), actual.get("volume_shape"), where);
    }
  }
}
