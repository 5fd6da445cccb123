package org.sparkconnectome.formats.cifti;

/**
 * One brain structure of a brain-models axis: a run of consecutive grayordinates that are either
 * vertices of one surface or voxels of the axis's volume. Arrays are shared, not copied: callers
 * must not change them.
 *
 * @param structure the {@code BrainStructure}, e.g. {@code CIFTI_STRUCTURE_CORTEX_LEFT}
 * @param surface whether the grayordinates are surface vertices (else voxels)
 * @param offset index of the structure's first grayordinate along the axis
 * @param count number of grayordinates
 * @param surfaceVertexCount vertices of the whole surface ({@code SurfaceNumberOfVertices}), 0
 *     for voxels
 * @param vertices for a surface, the vertex index of each grayordinate; null for voxels
 * @param voxels for voxels, {@code {i, j, k}} of each grayordinate; null for a surface
 */
public record BrainModel(String structure, boolean surface, int offset, int count,
    int surfaceVertexCount, int[] vertices, int[][] voxels) implements java.io.Serializable {
}
