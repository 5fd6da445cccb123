/** In-process benchmarks of the hot loops behind the {@code connectome bench} command. */
package org.sparkconnectome.kernels.bench;
