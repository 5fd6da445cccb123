/** Hot loops behind one interface each, with JVM, CUDA (JCuda) and OpenCL (JOCL) backends. */
package org.sparkconnectome.kernels;
