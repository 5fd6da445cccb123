package org.sparkconnectome.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The 19 electrodes of the international 10-20 system with approximate positions: on a sphere
 * of radius 95 mm, at the idealised angles of the system (not a measured head).
 */
public final class TenTwentyMontage {
  /** Sphere radius in metres. */
  static final double RADIUS = 0.095;

  private static final List<String> NAMES = List.of("Fp1", "Fp2", "F7", "F3", "Fz", "F4", "F8",
      "T7", "C3", "Cz", "C4", "T8", "P7", "P3", "Pz", "P4", "P8", "O1", "O2");
  /** Per name: polar angle from Cz, azimuth from the nasion towards the right, in degrees. */
  private static final int[][] ANGLES = {
      {72, -18}, {72, 18}, {72, -54}, {51, -39}, {36, 0}, {51, 39}, {72, 54},
      {72, -90}, {36, -90}, {0, 0}, {36, 90}, {72, 90},
      {72, -126}, {51, -141}, {36, 180}, {51, 141}, {72, 126}, {72, -162}, {72, 162}};

  /**
   * One electrode: its name, and its position in metres (x towards the right ear, y towards
   * the nasion, z up through Cz).
   */
  public record Electrode(String name, double x, double y, double z) {
  }

  private TenTwentyMontage() {
  }

  /** The channel names in file order. */
  public static List<String> names() {
    return NAMES;
  }

  /** The electrodes in file order. */
  public static List<Electrode> electrodes() {
    List<Electrode> out = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      double polar = Math.toRadians(ANGLES[i][0]);
      double azimuth = Math.toRadians(ANGLES[i][1]);
      out.add(new Electrode(NAMES.get(i), RADIUS * Math.sin(polar) * Math.sin(azimuth),
          RADIUS * Math.sin(polar) * Math.cos(azimuth), RADIUS * Math.cos(polar)));
    }
    return out;
  }
}
