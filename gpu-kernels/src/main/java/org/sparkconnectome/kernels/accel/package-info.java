/** Devices that run the kernel sources: CUDA through JCuda, OpenCL through JOCL. */
package org.sparkconnectome.kernels.accel;
