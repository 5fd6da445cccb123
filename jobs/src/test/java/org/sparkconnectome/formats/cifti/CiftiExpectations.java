package org.sparkconnectome.formats.cifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/**
 * The committed CIFTI test files and nibabel's readings of them (generators/cifti_files.py), and
 * the comparisons of our axes with those readings.
 */
final class CiftiExpectations {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Agreement asked of values: float32 data read as nibabel reads it. */
  static final double TOLERANCE = 1e-6;

  private CiftiExpectations() {
  }

  static Path dir() {
    return TestData.reference().resolve("cifti");
  }

  static CiftiFile open(String name) throws IOException {
    return CiftiFile.open(new LocalDataSource(dir().resolve(name)));
  }

  /** Every good file's expected JSON, by file name order. */
  static List<JsonNode> goodFiles() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir().resolve("expected"))) {
      for (Path json : files.sorted().toList()) {
        if (!json.getFileName().toString().equals("broken.json")) {
          out.add(JSON.readTree(json.toFile()));
        }
      }
    }
    assertTrue(out.size() >= 8, "expected JSON files missing in " + dir());
    return out;
  }

  static JsonNode broken() throws IOException {
    return JSON.readTree(dir().resolve("expected").resolve("broken.json").toFile());
  }

  /** The largest |ours - nibabel's| over the matrix, relative to max(1, |value|). */
  static double maxDifference(JsonNode expectedData, float[][] actual) {
    assertEquals(expectedData.size(), actual.length, "rows");
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      assertEquals(expectedData.get(i).size(), actual[i].length, "columns");
      for (int j = 0; j < actual[i].length; j++) {
        JsonNode e = expectedData.get(i).get(j);
        if (e.isNull()) {
          assertTrue(Float.isNaN(actual[i][j]), "NaN expected at " + i + "," + j);
          continue;
        }
        double diff = Math.abs(e.asDouble() - actual[i][j]) / Math.max(1, Math.abs(e.asDouble()));
        worst = Math.max(worst, diff);
      }
    }
    return worst;
  }

  static void assertAxis(JsonNode expected, CiftiAxis actual, String where) {
    assertEquals(expected.get("kind").asText(), actual.kind(), where + " kind");
    assertEquals(expected.get("length").asInt(), actual.length(), where + " length");
    if (actual instanceof SeriesAxis s) {
      assertEquals(expected.get("start").asDouble(), s.start(), 1e-12, where + " start");
      assertEquals(expected.get("step").asDouble(), s.step(), 1e-12, where + " step");
      assertEquals(expected.get("unit").asText(), s.unit(), where + " unit");
    } else if (actual instanceof BrainModelAxis b) {
      assertBrainModels(expected, b, where);
    } else if (actual instanceof LabelAxis l) {
      assertLabels(expected.get("maps"), l, where);
    } else if (actual instanceof ScalarAxis s) {
      List<String> names = new ArrayList<>();
      expected.get("names").forEach(n -> names.add(n.asText()));
      assertEquals(names, s.names(), where + " names");
    } else if (actual instanceof ParcelsAxis p) {
      assertParcels(expected, p, where);
    }
  }

  private static void assertBrainModels(JsonNode expected, BrainModelAxis b, String where) {
    JsonNode models = expected.get("models");
    assertEquals(models.size(), b.models().size(), where + " structures");
    for (int m = 0; m < models.size(); m++) {
      JsonNode e = models.get(m);
      BrainModel a = b.models().get(m);
      String at = where + " " + a.structure();
      assertEquals(e.get("structure").asText(), a.structure(), at);
      assertEquals(e.get("surface").asBoolean(), a.surface(), at + " surface");
      assertEquals(e.get("offset").asInt(), a.offset(), at + " offset");
      assertEquals(e.get("count").asInt(), a.count(), at + " count");
      if (a.surface()) {
        assertEquals(e.get("surface_vertex_count").asInt(), a.surfaceVertexCount(), at);
        assertArrayEquals(ints(e.get("vertices")), a.vertices(), at + " vertices");
      } else {
        assertVoxels(e.get("voxels"), a.voxels(), at);
      }
    }
    assertVolume(expected.get("volume_shape"), expected.get("volume_affine"), b.volumeShape(),
        b.volumeAffine(), where);
  }

  private static void assertLabels(JsonNode maps, LabelAxis l, String where) {
    assertEquals(maps.size(), l.maps().size(), where + " maps");
    for (int m = 0; m < maps.size(); m++) {
      JsonNode e = maps.get(m);
      LabelMap a = l.maps().get(m);
      assertEquals(e.get("name").asText(), a.name(), where + " map name");
      List<Label> labels = new ArrayList<>(a.labels());
      labels.sort(Comparator.comparingInt(Label::key));
      assertEquals(e.get("labels").size(), labels.size(), where + " labels of " + a.name());
      for (int k = 0; k < labels.size(); k++) {
        JsonNode el = e.get("labels").get(k);
        Label al = labels.get(k);
        assertEquals(el.get("key").asInt(), al.key(), where + " key");
        assertEquals(el.get("name").asText(), al.name(), where + " label " + al.key());
        for (int c = 0; c < 4; c++) {
          assertEquals(el.get("rgba").get(c).asDouble(), al.rgba()[c], 1e-6,
              where + " rgba of " + al.key());
        }
      }
    }
  }

  static void assertParcels(JsonNode expected, ParcelsAxis p, String where) {
    JsonNode parcels = expected.get("parcels");
    assertEquals(parcels.size(), p.parcels().size(), where + " parcels");
    for (int i = 0; i < parcels.size(); i++) {
      JsonNode e = parcels.get(i);
      Parcel a = p.parcels().get(i);
      String at = where + " parcel " + a.name();
      assertEquals(e.get("name").asText(), a.name(), where + " parcel " + i);
      Set<String> structures = new HashSet<>();
      e.get("vertices").fieldNames().forEachRemaining(structures::add);
      assertEquals(structures, a.surfaceVertices().keySet(), at + " structures");
      for (String s : structures) {
        assertArrayEquals(ints(e.get("vertices").get(s)), a.surfaceVertices().get(s), at + s);
      }
      assertVoxels(e.get("voxels"), a.voxels(), at);
    }
    Map<String, Integer> counts = new java.util.HashMap<>();
    expected.get("surface_vertex_counts").fields()
        .forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asInt()));
    assertEquals(counts, Map.copyOf(p.surfaceVertexCounts()), where + " surfaces");
    assertVolume(expected.get("volume_shape"), expected.get("volume_affine"), p.volumeShape(),
        p.volumeAffine(), where);
  }

  private static void assertVolume(JsonNode shape, JsonNode affine, int[] actualShape,
      double[][] actualAffine, String where) {
    if (shape == null || shape.isNull()) {
      assertNull(actualShape, where + " volume shape");
      assertNull(actualAffine, where + " volume affine");
      return;
    }
    assertArrayEquals(ints(shape), actualShape, where + " volume shape");
    assertNotNull(actualAffine, where + " affine");
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        assertEquals(affine.get(r).get(c).asDouble(), actualAffine[r][c], 1e-9,
            where + " affine " + r + "," + c);
      }
    }
  }

  private static void assertVoxels(JsonNode expected, int[][] actual, String where) {
    assertEquals(expected.size(), actual.length, where + " voxel count");
    for (int v = 0; v < actual.length; v++) {
      assertArrayEquals(ints(expected.get(v)), actual[v], where + " voxel " + v);
    }
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
