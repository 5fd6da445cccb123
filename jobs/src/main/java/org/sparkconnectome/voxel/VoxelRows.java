package org.sparkconnectome.voxel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows one run's task emits ({@link VoxelTables#RECORDS}): its run row, one row per voxel,
 * then its edges streamed from the local edge file, which is deleted after the last one.
 */
final class VoxelRows implements Iterator<Row> {
  private static final int WIDTH = VoxelTables.RECORDS.size();

  private final Object[] key;
  private final Row runRow;
  private final VoxelMask mask;
  private final VoxelGraph graph;
  private final int[] degree;
  private final double[] strength;
  private final EigenvectorCentrality.Result eigen;
  private final Path workDirectory;
  private VoxelGraph.EdgeCursor cursor;
  private int nextNode;
  private boolean runRowSent;
  private Row pending;
  private boolean done;

  VoxelRows(VoxelRun run, Row runRow, VoxelMask mask, VoxelGraph graph,
      EigenvectorCentrality.Result eigen, Path workDirectory) {
    this.key = key(run);
    this.runRow = runRow;
    this.mask = mask;
    this.graph = graph;
    this.degree = graph == null ? null : graph.degree();
    this.strength = graph == null ? null : graph.strength();
    this.eigen = eigen;
    this.workDirectory = workDirectory;
  }

  /** The rows of a run that failed: its run row only. */
  static Iterator<Row> failed(VoxelRun run, String reason) {
    return List.of(runRow(run, VoxelTables.FAILED, reason, 0, 0, new String[0])).iterator();
  }

  static Row runRow(VoxelRun run, String status, String reason, long voxels, long edges,
      String[] outputs) {
    Object[] v = key(run);
    v[index("kind")] = VoxelTables.RUN;
    v[index("source")] = run.run().sourceUri();
    v[index("mask")] = run.mask();
    v[index("status")] = status;
    v[index("reason")] = reason;
    v[index("voxels")] = voxels;
    v[index("edges")] = edges;
    v[index("outputs")] = outputs;
    return RowFactory.create(v);
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !done) {
      pending = advance();
      if (pending == null) {
        done = true;
        cleanUp();
      }
    }
    return pending != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = pending;
    pending = null;
    return r;
  }

  private Row advance() {
    if (!runRowSent) {
      runRowSent = true;
      return runRow;
    }
    if (graph == null) {
      return null;
    }
    if (nextNode < mask.size()) {
      int i = nextNode++;
      Object[] v = key.clone();
      v[index("kind")] = VoxelTables.NODE;
      v[index("id")] = (long) mask.voxels()[i];
      v[index("degree")] = (long) degree[i];
      v[index("weighted_degree")] = strength[i];
      v[index("eigenvector")] = eigen.binary()[i];
      v[index("weighted_eigenvector")] = eigen.weighted()[i];
      return RowFactory.create(v);
    }
    try {
      if (cursor == null) {
        cursor = graph.cursor();
      }
      if (!cursor.next()) {
        return null;
      }
      Object[] v = key.clone();
      v[index("kind")] = VoxelTables.EDGE;
      v[index("src")] = (long) mask.voxels()[cursor.src()];
      v[index("dst")] = (long) mask.voxels()[cursor.dst()];
      v[index("weight")] = (double) cursor.weight();
      v[index("correlation")] = (double) cursor.correlation();
      return RowFactory.create(v);
    } catch (IOException e) {
      cleanUp();
      throw new UncheckedIOException("reading the voxel edges of " + key[1], e);
    }
  }

  /** Closes the edge file and deletes the run's work directory; safe to call twice. */
  void cleanUp() {
    try {
      if (cursor != null) {
        cursor.close();
      }
      deleteTree(workDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + workDirectory, e);
    }
  }

  static void deleteTree(Path directory) throws IOException {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Object[] key(VoxelRun run) {
    Object[] v = new Object[WIDTH];
    Map<String, String> e = run.run().entities();
    v[0] = run.graph();
    String[] entities = {"sub", "ses", "task", "acq", "run", "space"};
    for (int k = 0; k < entities.length; k++) {
      v[1 + k] = e.get(entities[k]);
    }
    return v;
  }

  private static int index(String column) {
    return VoxelTables.RECORDS.fieldIndex(column);
  }
}
