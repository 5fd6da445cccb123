/** Voxel-level correlation with fused edge selection behind {@code VoxelCorrelator}. */
package org.sparkconnectome.kernels.correlation;
