package org.sparkconnectome.kernels.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JcudaLoadFailureTest {

  /** The message JCuda 12.6 gives on a machine without the NVIDIA driver, shortened. */
  private static final String NO_DRIVER = "Error while loading native library "
      + "\"JCudaDriver-12.6.0-linux-x86_64\"\nOperating system name: Linux\n"
      + "---(start of nested stack traces)---\n"
      + "Stack trace from the attempt to load the library as a file:\n"
      + "java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in "
      + "java.library.path: /usr/lib\n\tat java.base/java.lang.ClassLoader.loadLibrary\n"
      + "Stack trace from the attempt to load the library as a resource:\n"
      + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: "
      + "libcuda.so.1: cannot open shared object file: No such file or directory\n"
      + "\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)\n";

  @Test
  void namesTheMissingDriverLibrary() {
    assertEquals("libcuda.so.1 not found: no NVIDIA driver on this machine, or not on the "
            + "loader's path",
        JcudaLoadFailure.describe(new UnsatisfiedLinkError(NO_DRIVER)));
  }

  @Test
  void namesOtherMissingLibrariesAndSymbols() {
    assertEquals("libnvrtc.so.12 not found: JCuda's natives need it",
        JcudaLoadFailure.describe(new UnsatisfiedLinkError("/tmp/libJNvrtc.so: libnvrtc.so.12: "
            + "cannot open shared object file: No such file or directory")));
    assertEquals("the NVIDIA driver lacks cuLaunchKernelEx, which JCuda's natives need: update "
        + "the driver", JcudaLoadFailure.describe(new UnsatisfiedLinkError(
            "/tmp/libJCudaDriver.so: undefined symbol: cuLaunchKernelEx")));
  }

  @Test
  void otherFailuresGiveTheirFirstLine() {
    assertEquals("IllegalStateException: no CUDA device",
        JcudaLoadFailure.describe(new IllegalStateException("no CUDA device\nmore")));
    assertEquals("JCuda's driver natives did not load: Error while loading",
        JcudaLoadFailure.describe(new UnsatisfiedLinkError("Error while loading\nmore")));
  }
}
