/*
 * A stand-in libcuda.so.1 with just the driver calls CudaDeviceReport makes, so that the GPU
 * check's report can be tested on a machine without a GPU (stub-driver-check.sh). It describes
 * an H200; environment variables change what it answers:
 *   STUB_CUDA_DRIVER  cuDriverGetVersion (default 13000)
 *   STUB_CUDA_INIT    cuInit's result (100 = CUDA_ERROR_NO_DEVICE)
 *   STUB_CUDA_COUNT   cuDeviceGetCount (default 1)
 *   STUB_CUDA_PTX     cuModuleLoadData's result for PTX (222 = CUDA_ERROR_UNSUPPORTED_PTX_VERSION)
 *   STUB_CUDA_FATBIN  cuModuleLoadData's result for anything else (209 = NO_BINARY_FOR_GPU)
 * Any other driver call is missing, so a program that makes one dies: use it for the report only.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int setting(const char *name, int fallback) {
  const char *value = getenv(name);
  return value ? atoi(value) : fallback;
}

int cuInit(unsigned flags) { return setting("STUB_CUDA_INIT", 0); }
int cuDriverGetVersion(int *version) { *version = setting("STUB_CUDA_DRIVER", 13000); return 0; }
int cuDeviceGetCount(int *count) { *count = setting("STUB_CUDA_COUNT", 1); return 0; }
int cuDeviceGet(int *device, int ordinal) { *device = ordinal; return 0; }

int cuDeviceGetName(char *name, int length, int device) {
  strncpy(name, "Stub H200 (stub-libcuda.c)", (size_t) length);
  return 0;
}

int cuDeviceGetAttribute(int *value, int attribute, int device) {
  switch (attribute) {
    case 75: *value = 9; return 0;          /* compute capability major */
    case 76: *value = 0; return 0;          /* minor */
    case 16: *value = 132; return 0;        /* multiprocessors */
    case 13: *value = 1980000; return 0;    /* clock, kHz */
    case 36: *value = 3201000; return 0;    /* memory clock, kHz */
    case 37: *value = 6144; return 0;       /* memory bus, bits */
    case 38: *value = 60 << 20; return 0;   /* L2 bytes */
    default: *value = 0; return 1;          /* CUDA_ERROR_INVALID_VALUE */
  }
}

int cuDeviceTotalMem_v2(size_t *bytes, int device) { *bytes = 150323855360UL; return 0; }
int cuDevicePrimaryCtxRetain(void **context, int device) { *context = (void *) 1; return 0; }
int cuCtxSetCurrent(void *context) { return 0; }

int cuMemGetInfo_v2(size_t *free, size_t *total) {
  *free = 148000000000UL;
  *total = 150323855360UL;
  return 0;
}

int cuModuleLoadData(void **module, const void *image) {
  *module = (void *) 1;
  return strstr((const char *) image, ".version") ? setting("STUB_CUDA_PTX", 0)
                                                  : setting("STUB_CUDA_FATBIN", 0);
}

int cuModuleGetFunction(void **function, void *module, const char *name) {
  *function = (void *) 1;
  return 0;
}

int cuModuleUnload(void *module) { return 0; }

int cuGetErrorName(int error, const char **name) { *name = "CUDA_ERROR_STUB"; return 0; }
