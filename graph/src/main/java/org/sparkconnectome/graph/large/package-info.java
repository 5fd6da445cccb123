/**
 * Distributed algorithms on Spark GraphX for graphs too large for one JVM (voxel-level
 * connectomes): weighted PageRank, connected components, degree and strength.
 */
package org.sparkconnectome.graph.large;
