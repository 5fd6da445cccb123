package org.sparkconnectome.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sparkconnectome.atlas.GradientFrame;
import org.sparkconnectome.atlas.VoxelGrid;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;

/**
 * A small synthetic DWI series whose tensor field holds one straight fibre bundle per planted
 * region pair (from one region's centroid to the other's), in isotropic tissue elsewhere in the
 * brain and no signal outside it: tracking it should recover the planted structure.
 *
 * <p>Acquisition: {@value #DIRECTIONS} directions on a Fibonacci half-sphere at b = {@value #B}
 * s/mm^2 plus two b0 volumes (first and middle), S0 {@value #S0}, Gaussian noise of sigma
 * {@value #NOISE}, stored as int16; b-vectors in FSL's convention for the sample affine.
 */
final class SyntheticDiffusion {
  static final int DIRECTIONS = 30;
  static final double B = 1000;
  static final double S0 = 1000;
  static final double NOISE = 10;
  private static final double ISOTROPIC = 0.8e-3;
  private static final double AXIAL = 1.7e-3;
  private static final double RADIAL = 0.3e-3;
  /** Bundle radius in voxels around the centroid-to-centroid segment. */
  private static final double RADIUS_VOXELS = 0.9;

  private SyntheticDiffusion() {
  }

  /** Writes {@code <stem>.nii.gz}, {@code .bval} and {@code .bvec}. */
  static void write(Path folder, String stem, SyntheticAtlas atlas, SampleSpec spec,
      int[][] counts, SplittableRandom random) throws IOException {
    double[][] bvecs = gradients();
    double[] bvals = new double[bvecs.length];
    for (int i = 0; i < bvecs.length; i++) {
      bvals[i] = bvecs[i][0] == 0 && bvecs[i][1] == 0 && bvecs[i][2] == 0 ? 0 : B;
    }
    VoxelGrid grid = new VoxelGrid(spec.grid(), spec.affine());
    double[] tensors = tensorField(atlas, grid, counts);
    GradientFrame frame = new GradientFrame(grid);
    int n = grid.voxelCount();
    int[] g = spec.grid();
    double v = spec.voxelMm();
    NiftiImageSpec image = new NiftiImageSpec(new long[] {g[0], g[1], g[2], bvecs.length},
        new double[] {v, v, v}, spec.affine(), NiftiDataType.INT16, new XyztUnits("mm", "sec"),
        spec.repetitionTime());
    double[] volume = new double[n];
    double[] world = new double[3];
    try (NiftiWriter writer = NiftiWriter.create(folder.resolve(stem + ".nii.gz"), image)) {
      for (int t = 0; t < bvecs.length; t++) {
        frame.toWorld(bvecs[t], 0, world, 0);
        for (int voxel = 0; voxel < n; voxel++) {
          if (atlas.labels()[voxel] == 0) {
            volume[voxel] = 0;
            continue;
          }
          double[] d = tensors;
          int o = 6 * voxel;
          double q = d[o] * world[0] * world[0] + 2 * d[o + 1] * world[0] * world[1]
              + d[o + 2] * world[1] * world[1] + 2 * d[o + 3] * world[0] * world[2]
              + 2 * d[o + 4] * world[1] * world[2] + d[o + 5] * world[2] * world[2];
          double signal = S0 * Math.exp(-bvals[t] * q)
              + NOISE * PlantedConnectivity.gaussian(random);
          volume[voxel] = Math.max(1, Math.round(signal));
        }
        writer.writeVolume(volume);
      }
    }
    try (Writer w = Files.newBufferedWriter(folder.resolve(stem + ".bval"),
        StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (double b : bvals) {
        line.append(line.length() == 0 ? "" : " ").append((int) b);
      }
      w.write(line.append('\n').toString());
    }
    try (Writer w = Files.newBufferedWriter(folder.resolve(stem + ".bvec"),
        StandardCharsets.UTF_8)) {
      for (int axis = 0; axis < 3; axis++) {
        StringBuilder line = new StringBuilder();
        for (double[] vec : bvecs) {
          line.append(line.length() == 0 ? "" : " ")
              .append(String.format(Locale.ROOT, "%.6f", vec[axis]));
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  /** Two b0 volumes (0 and the middle) and {@link #DIRECTIONS} unit vectors, b-vector frame. */
  static double[][] gradients() {
    double[][] out = new double[DIRECTIONS + 2][];
    int middle = (DIRECTIONS + 2) / 2;
    double golden = Math.PI * (3 - Math.sqrt(5));
    int d = 0;
    for (int t = 0; t < out.length; t++) {
      if (t == 0 || t == middle) {
        out[t] = new double[3];
        continue;
      }
      double z = 1 - (d + 0.5) / DIRECTIONS;
      double r = Math.sqrt(1 - z * z);
      out[t] = new double[] {r * Math.cos(golden * d), r * Math.sin(golden * d), z};
      d++;
    }
    return out;
  }

  /** World-frame tensors {@code xx, xy, yy, xz, yz, zz} per voxel. */
  static double[] tensorField(SyntheticAtlas atlas, VoxelGrid grid, int[][] counts) {
    int n = grid.voxelCount();
    int regions = atlas.regions().size();
    double[][] centroid = new double[regions][3];
    int[] size = new int[regions];
    int[] shape = grid.shape();
    for (int voxel = 0; voxel < n; voxel++) {
      int label = atlas.labels()[voxel];
      if (label > 0) {
        centroid[label - 1][0] += voxel % shape[0];
        centroid[label - 1][1] += (voxel / shape[0]) % shape[1];
        centroid[label - 1][2] += voxel / (shape[0] * shape[1]);
        size[label - 1]++;
      }
    }
    for (int r = 0; r < regions; r++) {
      for (int c = 0; c < 3; c++) {
        centroid[r][c] /= Math.max(1, size[r]);
      }
    }
    double[] fibres = new double[6 * n];
    int[] bundles = new int[n];
    double[] world = new double[3];
    double[] from = new double[3];
    double[] to = new double[3];
    double radius = RADIUS_VOXELS * grid.spacing()[0];
    for (int a = 0; a < regions; a++) {
      for (int b = a + 1; b < regions; b++) {
        if (counts[a][b] <= 0 || size[a] == 0 || size[b] == 0) {
          continue;
        }
        grid.toWorld(centroid[a][0], centroid[a][1], centroid[a][2], from);
        grid.toWorld(centroid[b][0], centroid[b][1], centroid[b][2], to);
        double[] u = {to[0] - from[0], to[1] - from[1], to[2] - from[2]};
        double length = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        for (int c = 0; c < 3; c++) {
          u[c] /= length;
        }
        for (int voxel = 0; voxel < n; voxel++) {
          if (atlas.labels()[voxel] == 0) {
            continue;
          }
          grid.toWorld(voxel % shape[0], (voxel / shape[0]) % shape[1],
              voxel / (shape[0] * shape[1]), world);
          double along = 0;
          for (int c = 0; c < 3; c++) {
            along += (world[c] - from[c]) * u[c];
          }
          along = Math.max(0, Math.min(length, along));
          double dist = 0;
          for (int c = 0; c < 3; c++) {
            double diff = world[c] - (from[c] + along * u[c]);
            dist += diff * diff;
          }
          if (Math.sqrt(dist) <= radius) {
            addFibre(fibres, 6 * voxel, u);
            bundles[voxel]++;
          }
        }
      }
    }
    double[] out = new double[6 * n];
    for (int voxel = 0; voxel < n; voxel++) {
      int o = 6 * voxel;
      if (bundles[voxel] == 0) {
        out[o] = ISOTROPIC;
        out[o + 2] = ISOTROPIC;
        out[o + 5] = ISOTROPIC;
        continue;
      }
      for (int k = 0; k < 6; k++) {
        out[o + k] = fibres[o + k] / bundles[voxel];
      }
    }
    return out;
  }

  /** Adds RADIAL * I + (AXIAL - RADIAL) u u^T. */
  private static void addFibre(double[] t, int o, double[] u) {
    double extra = AXIAL - RADIAL;
    t[o] += RADIAL + extra * u[0] * u[0];
    t[o + 1] += extra * u[0] * u[1];
    t[o + 2] += RADIAL + extra * u[1] * u[1];
    t[o + 3] += extra * u[0] * u[2];
    t[o + 4] += extra * u[1] * u[2];
    t[o + 5] += RADIAL + extra * u[2] * u[2];
  }
}
