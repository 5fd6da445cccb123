package org.sparkconnectome.formats.cifti;

import java.util.Map;

/**
 * One parcel of a parcels axis: the surface vertices (per structure) and voxels it covers.
 * Arrays are shared, not copied: callers must not change them.
 *
 * @param name the parcel's {@code Name}
 * @param surfaceVertices structure name to its vertex indices, in the order of the file
 * @param voxels {@code {i, j, k}} of each voxel (an empty array when none)
 */
public record Parcel(String name, Map<String, int[]> surfaceVertices, int[][] voxels) {
}
