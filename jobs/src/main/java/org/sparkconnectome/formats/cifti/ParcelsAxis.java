package org.sparkconnectome.formats.cifti;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parcels ({@code CIFTI_INDEX_TYPE_PARCELS}): each index is a named set of surface vertices and
 * voxels, as in ptseries and pconn files.
 *
 * @param parcels the parcels, in axis order
 * @param surfaceVertexCounts each surface structure a parcel may use, with its vertex count
 * @param volumeShape {@code VolumeDimensions} of the parcels' voxels, null when no parcel has any
 * @param volumeAffine voxel {@code ijk} to millimetres (4x4), null when no parcel has voxels
 */
public record ParcelsAxis(List<Parcel> parcels, Map<String, Integer> surfaceVertexCounts,
    int[] volumeShape, double[][] volumeAffine) implements CiftiAxis {

  public ParcelsAxis {
    parcels = List.copyOf(parcels);
    surfaceVertexCounts = Collections.unmodifiableMap(new LinkedHashMap<>(surfaceVertexCounts));
  }

  @Override
  public String kind() {
    return "parcels";
  }

  @Override
  public int length() {
    return parcels.size();
  }

  /**
   * The parcels a dlabel map defines on a brain-models axis, as nibabel's
   * {@code ParcelsAxis.from_brain_models} builds them from {@code bm[labels == key]}: one parcel
   * per key other than 0 that some grayordinate holds, in increasing key order, named after its
   * label; each parcel's vertices (per structure, structures in axis order) and voxels in
   * grayordinate order. Only surfaces that some parcel uses are listed; the volume is given when
   * some parcel has voxels.
   *
   * @param labelPerGrayordinate the map's value at each grayordinate of {@code models}
   * @throws IllegalArgumentException when the lengths differ or a key is not in the table
   */
  public static ParcelsAxis fromLabels(BrainModelAxis models, LabelMap map,
      int[] labelPerGrayordinate) {
    if (labelPerGrayordinate.length != models.length()) {
      throw new IllegalArgumentException(labelPerGrayordinate.length + " labels for "
          + models.length() + " grayordinates");
    }
    TreeMap<Integer, String> keys = new TreeMap<>();
    for (BrainModel model : models.models()) {
      for (int i = 0; i < model.count(); i++) {
        int key = labelPerGrayordinate[model.offset() + i];
        if (key != 0 && !keys.containsKey(key)) {
          Label label = map.label(key).orElseThrow(() -> new IllegalArgumentException(
              "label key " + key + " (at a grayordinate of " + model.structure()
                  + ") is not in the label table of map '" + map.name() + "'"));
          keys.put(key, label.name());
        }
      }
    }
    Map<Integer, Integer> position = new LinkedHashMap<>();
    keys.keySet().forEach(k -> position.put(k, position.size()));
    int[] parcelOf = new int[labelPerGrayordinate.length];
    for (int g = 0; g < parcelOf.length; g++) {
      parcelOf[g] = labelPerGrayordinate[g] == 0 ? -1 : position.get(labelPerGrayordinate[g]);
    }
    return of(models, new ArrayList<>(keys.values()), parcelOf);
  }

  /**
   * Parcels of the given names, in that order, made of the grayordinates of {@code models}
   * that {@code parcelOf} assigns them (-1: none; a parcel may have no grayordinate): each
   * parcel's vertices (per structure, structures in axis order) and voxels in grayordinate
   * order. Only surfaces that some parcel uses are listed; the volume is given when some
   * parcel has voxels.
   */
  public static ParcelsAxis of(BrainModelAxis models, List<String> names, int[] parcelOf) {
    List<ParcelBuilder> builders = new ArrayList<>();
    names.forEach(n -> builders.add(new ParcelBuilder(n)));
    Map<String, Integer> surfaces = new LinkedHashMap<>();
    boolean anyVoxel = false;
    for (BrainModel model : models.models()) {
      for (int i = 0; i < model.count(); i++) {
        int p = parcelOf[model.offset() + i];
        if (p < 0) {
          continue;
        }
        ParcelBuilder parcel = builders.get(p);
        if (model.surface()) {
          parcel.vertices.computeIfAbsent(model.structure(), s -> new ArrayList<>())
              .add(model.vertices()[i]);
          surfaces.put(model.structure(), model.surfaceVertexCount());
        } else {
          parcel.voxels.add(model.voxels()[i]);
          anyVoxel = true;
        }
      }
    }
    List<Parcel> parcels = new ArrayList<>();
    for (ParcelBuilder builder : builders) {
      parcels.add(builder.build());
    }
    // nibabel lists surfaces in the order parcels first use them; counts are what matter.
    return new ParcelsAxis(parcels, surfaces, anyVoxel ? models.volumeShape() : null,
        anyVoxel ? models.volumeAffine() : null);
  }

  /** Collects one parcel's grayordinates. */
  private static final class ParcelBuilder {
    private final String name;
    private final Map<String, List<Integer>> vertices = new LinkedHashMap<>();
    private final List<int[]> voxels = new ArrayList<>();

    ParcelBuilder(String name) {
      this.name = name;
    }

    Parcel build() {
      Map<String, int[]> surface = new LinkedHashMap<>();
      vertices.forEach((structure, list) ->
          surface.put(structure, list.stream().mapToInt(Integer::intValue).toArray()));
      return new Parcel(name, Collections.unmodifiableMap(surface),
          voxels.toArray(new int[0][]));
    }
  }
}
