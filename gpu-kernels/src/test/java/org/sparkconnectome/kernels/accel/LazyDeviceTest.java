package org.sparkconnectome.kernels.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A device is opened once, and a failure to open it, a missing native included, is a reason. */
class LazyDeviceTest {

  @Test
  void opensOnceOnFirstUse() {
    AtomicInteger opened = new AtomicInteger();
    LazyDevice<String> device = new LazyDevice<>(() -> "device " + opened.incrementAndGet(),
        e -> "unexpected");
    assertEquals(0, opened.get());
    assertEquals("device 1", device.get().orElseThrow());
    assertEquals("device 1", device.get().orElseThrow());
    assertNull(device.unavailableReason());
    assertEquals(1, opened.get());
  }

  @Test
  void remembersWhyItCouldNotOpen() {
    AtomicInteger tries = new AtomicInteger();
    LazyDevice<String> device = new LazyDevice<>(() -> {
      tries.incrementAndGet();
      throw new UnsatisfiedLinkError("libfoo.so: cannot open shared object file");
    }, e -> "no foo: " + e.getClass().getSimpleName());
    assertEquals("no foo: UnsatisfiedLinkError", device.unavailableReason());
    assertTrue(device.get().isEmpty());
    assertEquals(1, tries.get());
  }
}
