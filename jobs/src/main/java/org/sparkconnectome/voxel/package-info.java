/**
 * Voxel-level functional connectomes: denoised voxel time series inside a brain mask, dense
 * correlation thresholded on the fly, C-PAC's centrality maps as NIfTI, the sparse voxel graph
 * as Spark tables and its PageRank and components on GraphX.
 */
package org.sparkconnectome.voxel;
