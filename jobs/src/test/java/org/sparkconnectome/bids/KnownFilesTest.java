package org.sparkconnectome.bids;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/** The scan reuses a recorded content hash exactly when the file's stamp is unchanged. */
@Tag("spark")
class KnownFilesTest {
  private static final String BOLD = "sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym"
      + "_desc-preproc_bold.nii.gz";
  private static final String FORGED = "sha256:recorded-not-read";

  @Test
  void stampsMatchOnSizeTimeAndTheStoreChecksumWhereBothHaveOne() {
    FileStamp recorded = new FileStamp(100, 5000, "MD5-of-CRC:ab");
    assertTrue(new FileStamp(100, 5000, "MD5-of-CRC:ab").sameFileAs(recorded));
    assertTrue(new FileStamp(100, 5000, null).sameFileAs(recorded), "no checksum now: size "
        + "and time decide");
    assertFalse(new FileStamp(101, 5000, "MD5-of-CRC:ab").sameFileAs(recorded));
    assertFalse(new FileStamp(100, 5001, "MD5-of-CRC:ab").sameFileAs(recorded));
    assertFalse(new FileStamp(100, 5000, "MD5-of-CRC:cd").sameFileAs(recorded),
        "same size and time, other content by the store's word");
    assertFalse(new FileStamp(100, 0, null).sameFileAs(new FileStamp(100, 0, null)),
        "a store without times proves nothing");
    assertFalse(new FileStamp(100, 5000, null).sameFileAs(null));
  }

  @Test
  void anUnchangedFileKeepsItsRecordedHashUnreadAndATouchedOneIsHashedAgain(
      @TempDir Path work) throws IOException {
    Path bids = work.resolve("bids");
    copyTree(TestData.sampleCohort(), bids);
    // Written an hour ago, as a dataset is when a scan first meets it: settled when hashed.
    long anHourAgo = System.currentTimeMillis() - 3_600_000;
    try (var paths = Files.walk(bids)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(p, FileTime.fromMillis(anHourAgo));
      }
    }
    var spark = SharedSpark.get();
    Dataset<Row> first = CohortScan.scan(spark, bids.toUri().toString()).cache();
    Row bold = boldRow(first);
    String real = bold.getAs("content_hash");
    assertTrue(real.startsWith("sha256:"), real);
    assertTrue(bold.<Long>getAs("modified") > 0, "the stamp is recorded");

    // Every hash is reused from the previous manifest: the same manifest again.
    KnownFiles known = KnownFiles.from(first);
    assertTrue(known.size() >= 12, "bold, masks, tractograms and atlas-less files known");
    Dataset<Row> again = CohortScan.scan(spark, bids.toUri().toString(), known);
    assertEquals(0, first.exceptAll(again).count() + again.exceptAll(first).count());

    // A recorded hash that is not the file's own shows whether the file was read.
    Map<String, KnownFiles.Known> forged = new HashMap<>();
    forged.put(bold.getAs("path"), new KnownFiles.Known(new FileStamp(bold.getAs("size"),
        bold.getAs("modified"), bold.getAs("store_checksum")), FORGED, bold.getAs("hashed_at")));
    KnownFiles lie = KnownFiles.of(forged);
    assertEquals(FORGED, boldRow(CohortScan.scan(spark, bids.toUri().toString(), lie))
        .getAs("content_hash"), "unchanged stamp: the recorded hash, the file not read");

    // A stamp taken of a file modified just before it was hashed proves nothing: it is read.
    Map<String, KnownFiles.Known> racy = new HashMap<>();
    racy.put(bold.getAs("path"), new KnownFiles.Known(new FileStamp(bold.getAs("size"),
        bold.getAs("modified"), bold.getAs("store_checksum")), FORGED,
        bold.<Long>getAs("modified") + 500));
    assertEquals(real, boldRow(CohortScan.scan(spark, bids.toUri().toString(),
        KnownFiles.of(racy))).getAs("content_hash"), "hashed within the settling time: read");

    Path file = bids.resolve(BOLD);
    Files.setLastModifiedTime(file, FileTime.fromMillis(
        Files.getLastModifiedTime(file).toMillis() + 2000));
    Row touched = boldRow(CohortScan.scan(spark, bids.toUri().toString(), lie));
    assertNotEquals(FORGED, touched.getAs("content_hash"));
    assertEquals(real, touched.getAs("content_hash"), "new time, same content: same hash, so "
        + "the run is recognised as unchanged and not recomputed");
    first.unpersist();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static Row boldRow(Dataset<Row> manifest) {
    return manifest.filter(col("suffix").equalTo("bold").and(col("subject").equalTo("01")))
        .collectAsList().get(0);
  }
}
