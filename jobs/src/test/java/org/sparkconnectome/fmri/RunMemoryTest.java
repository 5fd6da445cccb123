package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.sample.GeneratedConfounds;

/**
 * The per-run fMRI path in bounded memory, proven in child JVMs with a hard heap limit: on the
 * MNI 2 mm grid (91 x 109 x 91), two runs of 300 float32 volumes at once (one per core of this
 * machine) within {@code -Xmx1g}, and one HCP-sized run of 1200 volumes within {@code -Xmx2g}.
 * Each run's data is 1.08 GiB (4.3 GiB for HCP) once inflated, so a reader that held a run,
 * or even one run's float copy, would fail with an {@code OutOfMemoryError}.
 *
 * <p>The runs are written quickly as gzip files of several members (the format allows it and
 * every reader, ours, GZIPInputStream and zlib's, reads them as one): a header member, then
 * per volume one of 8 volumes compressed once. The reader inflates every byte as for any file.
 */
class RunMemoryTest {
  private static final int[] GRID = {91, 109, 91};
  private static final int VARIANTS = 8;

  @TempDir
  Path dir;

  @Test
  void twoRunsAtOnceOnTheMniGridFitAOneGigabyteHeap() throws Exception {
    Path bold = writeRun(300, 2.0);
    String out = child("-Xmx1g", 2, bold, writeConfounds(300));
    assertTrue(out.contains("ok runs=2 regions=100 volumes=300 max_heap_mb="), out);
  }

  @Test
  void anHcpSizedRunFitsATwoGigabyteHeap() throws Exception {
    Path bold = writeRun(1200, 0.72);
    String out = child("-Xmx2g", 1, bold, writeConfounds(1200));
    assertTrue(out.contains("ok runs=1 regions=100 volumes=1200 max_heap_mb="), out);
  }

  private String child(String heap, int runs, Path bold, Path confounds) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), heap,
        "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp",
        System.getProperty("java.class.path"), RunMemoryProbe.class.getName(),
        Integer.toString(runs), bold.toString(), confounds.toString()));
    Path log = dir.resolve("child.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(150, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly().waitFor();
    }
    String out = Files.readString(log);
    assertTrue(done, "the child did not finish in 150 s: " + out);
    assertEquals(0, process.exitValue(), "child " + heap + " failed:\n" + out);
    // The child's peak heap, for the test report.
    System.out.println(heap + ": " + out.lines().filter(l -> l.startsWith("ok ")).findFirst()
        .orElse(out));
    return out;
  }

  /**
   * A run of {@code volumes} float32 volumes: every voxel 1000 plus a 1024-voxel pattern plus a
   * level per 4096-voxel stretch, the levels drawn anew for each of 8 variants; volume t is
   * variant (a seeded draw). Compressible enough to write in seconds, varied enough that the
   * regions' series are not constant and not all alike.
   */
  private Path writeRun(int volumes, double tr) throws IOException {
    Random random = new Random(volumes);
    int voxels = GRID[0] * GRID[1] * GRID[2];
    float[] pattern = new float[1024];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = random.nextInt(1000) / 100f;
    }
    byte[][] members = new byte[VARIANTS][];
    ByteBuffer raw = ByteBuffer.allocate(voxels * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < VARIANTS; k++) {
      float[] level = new float[voxels / 4096 + 1];
      for (int b = 0; b < level.length; b++) {
        level[b] = random.nextInt(5000) / 100f;
      }
      raw.clear();
      for (int v = 0; v < voxels; v++) {
        raw.putFloat(1000 + pattern[v % pattern.length] + level[v / 4096]);
      }
      members[k] = gzip(raw.array());
    }
    NiftiImageSpec spec = new NiftiImageSpec(new long[] {GRID[0], GRID[1], GRID[2], volumes},
        new double[] {2, 2, 2}, new double[][] {{-2, 0, 0, 90}, {0, 2, 0, -126},
            {0, 0, 2, -72}, {0, 0, 0, 1}}, NiftiDataType.FLOAT32, new XyztUnits("mm", "sec"), tr);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    // The writer puts the header out when created; its volumes are written here, compressed.
    NiftiWriter.create(header, false, spec);
    Path file = dir.resolve("sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold"
        + volumes + ".nii.gz");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(gzip(header.toByteArray()));
      for (int t = 0; t < volumes; t++) {
        out.write(members[random.nextInt(VARIANTS)]);
      }
    }
    return file;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** 36P's columns (motion, csf, white matter, global signal, expanded) and a low FD. */
  private Path writeConfounds(int volumes) throws IOException {
    Random random = new Random(7);
    GeneratedConfounds table = new GeneratedConfounds(volumes);
    for (String name : new String[] {"global_signal", "csf", "white_matter", "trans_x",
        "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"}) {
      double[] column = new double[volumes];
      for (int t = 0; t < volumes; t++) {
        column[t] = random.nextGaussian() * 0.01;
      }
      table.putWithExpansions(name, column);
    }
    double[] fd = new double[volumes];
    java.util.Arrays.fill(fd, 0.05);
    fd[0] = Double.NaN;
    table.put("framewise_displacement", fd);
    Path file = dir.resolve("confounds" + volumes + ".tsv");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      table.write(out);
    }
    return file;
  }
}
