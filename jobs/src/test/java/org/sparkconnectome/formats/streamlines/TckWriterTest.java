package org.sparkconnectome.formats.streamlines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.io.LocalDataSource;

class TckWriterTest {
  @TempDir
  Path dir;

  @Test
  void writesAFileTheReaderReadsBack() throws IOException {
    Path path = dir.resolve("out.tck");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("command_history", "connectome track\nconnectome filter");
    fields.put("step_size", "0.5");
    float[] buffer = {1, 2, 3, 4, 5, 6, 99, 99, 99};
    try (TckWriter writer = TckWriter.create(path, fields)) {
      writer.write(buffer, 2);
      writer.write(new float[] {-7, 8.5f, 1e-3f}, 1);
      assertEquals(2, writer.count());
    }
    String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
    assertTrue(text.startsWith("mrtrix tracks\ncommand_history: connectome track\n"
        + "command_history: connectome filter\nstep_size: 0.5\ndatatype: Float32LE\n"
        + "count: 0000000002\n"), text);
    LocalDataSource source = new LocalDataSource(path);
    try (TckReader reader = TckReader.open(source)) {
      assertEquals("connectome track\nconnectome filter",
          reader.header().fields().get("command_history"));
      assertEquals(2, reader.header().declaredCount().getAsLong());
      assertEquals(reader.header().dataOffset(), text.indexOf("END\n") + 4);
    }
    List<float[]> all = TestFiles.readAll(TckReader.open(source));
    assertEquals(2, all.size());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, all.get(0));
    assertArrayEquals(new float[] {-7, 8.5f, 1e-3f}, all.get(1));
  }

  @Test
  void writesAnEmptyTractogram() throws IOException {
    Path path = dir.resolve("empty.tck");
    try (TckWriter writer = TckWriter.create(path, Map.of())) {
      assertEquals(0, writer.count());
    }
    assertEquals(0, TestFiles.readAll(TckReader.open(new LocalDataSource(path))).size());
  }

  @Test
  void refusesReservedFields() {
    assertThrows(IllegalArgumentException.class,
        () -> TckWriter.create(dir.resolve("x.tck"), Map.of("count", "5")));
    assertThrows(IllegalArgumentException.class,
        () -> TckWriter.create(dir.resolve("y.tck"), Map.of("a:b", "5")));
  }
}
