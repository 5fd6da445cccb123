package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.tables.Staging;

class StagingTest {

  @TempDir
  Path out;

  @Test
  void publishesOnlyReadyAttemptsAndFinishesInterruptedOnes() throws IOException {
    Files.createDirectories(out.resolve("sub-01"));
    Files.writeString(out.resolve("sub-01/a.tsv"), "old");
    Configuration conf = new Configuration();

    Staging abandoned = Staging.begin(conf, out.toString());
    write(Path.of(abandoned.root()), "sub-01/a.tsv", "never published");
    Staging ready = Staging.begin(conf, out.toString());
    assertEquals("old", Files.readString(out.resolve("sub-01/a.tsv")),
        "an attempt that never became ready is discarded");
    assertFalse(Files.exists(Path.of(abandoned.root())));

    write(Path.of(ready.root()), "sub-01/a.tsv", "new");
    write(Path.of(ready.root()), "sub-02/b.tsv", "added");
    ready.markReady();
    // The process dies here; the next run finishes the publication before its own work.
    Staging next = Staging.begin(conf, out.toString());
    assertEquals("new", Files.readString(out.resolve("sub-01/a.tsv")));
    assertEquals("added", Files.readString(out.resolve("sub-02/b.tsv")));
    assertFalse(Files.exists(Path.of(ready.root())));
    next.markReady();
    next.publish();
    assertFalse(Files.exists(out.resolve(".staging")));
    assertTrue(Files.exists(out.resolve("sub-02/b.tsv")));
  }

  private static void write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
