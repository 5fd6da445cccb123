/*
 * One kernel source for CUDA and OpenCL C: the few words that differ between the two dialects.
 * The CUDA build includes this file; the OpenCL loader (OpenClProgram) pastes it in place of the
 * #include line, because kernel sources come from the jar and have no include path.
 */
#ifndef CONNECTOME_PORTABLE_H
#define CONNECTOME_PORTABLE_H

#ifdef __OPENCL_VERSION__
#define KERNEL __kernel
#define GLOBAL_MEM __global
#define SHARED_MEM __local
#define SHARED_PTR __local
#define DEVICE_FN static inline
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define LOAD_GLOBAL4(p) vload4(0, (p))
#define LOAD_SHARED4(p) vload4(0, (p))
#define STORE_SHARED4(p, v) vstore4((v), 0, (p))
#define MAKE_FLOAT4(a, b, c, d) ((float4) ((a), (b), (c), (d)))
#define TILE_BOUNDS
/*
 * No unroll hint in OpenCL: PoCL 3.1's default work-group method ("loops") gave wrong values
 * for a range of work-items once the 8 x 8 register tile was fully unrolled across the
 * barriers (its "cbs" method was right); without the hint its results are right too.
 */
#define UNROLL
#define THREAD_X ((int) get_local_id(0))
#define THREAD_Y ((int) get_local_id(1))
#define BLOCK_X ((int) get_group_id(0))
#define BLOCK_Y ((int) get_group_id(1))
#define BLOCK_DIM_X ((int) get_local_size(0))
#define GLOBAL_X ((int) get_global_id(0))
#define GLOBAL_Y ((int) get_global_id(1))
#define ATOMIC_INC(counter) atomic_inc(counter)
#define SQRT_F(x) sqrt(x)
#define ABS_F(x) fabs(x)
#define IS_FINITE_F(x) isfinite(x)
#else
#define KERNEL extern "C" __global__
#define GLOBAL_MEM
#define SHARED_MEM __shared__
#define SHARED_PTR
#define DEVICE_FN static __device__ __forceinline__
#define BARRIER() __syncthreads()
#define LOAD_GLOBAL4(p) (*(const float4*) (p))
#define LOAD_SHARED4(p) (*(const float4*) (p))
#define STORE_SHARED4(p, v) (*(float4*) (p) = (v))
#define UNROLL _Pragma("unroll")
#define THREAD_X ((int) threadIdx.x)
#define THREAD_Y ((int) threadIdx.y)
#define BLOCK_X ((int) blockIdx.x)
#define BLOCK_Y ((int) blockIdx.y)
#define BLOCK_DIM_X ((int) blockDim.x)
#define GLOBAL_X ((int) (blockIdx.x * blockDim.x + threadIdx.x))
#define GLOBAL_Y ((int) (blockIdx.y * blockDim.y + threadIdx.y))
#define ATOMIC_INC(counter) atomicAdd((counter), 1)
#define SQRT_F(x) sqrtf(x)
#define ABS_F(x) fabsf(x)
#define IS_FINITE_F(x) isfinite(x)
#define MAKE_FLOAT4(a, b, c, d) make_float4((a), (b), (c), (d))
/* Tile kernels: 256 threads, at most 128 registers so that two blocks share an SM. */
#define TILE_BOUNDS __launch_bounds__(256, 2)
#endif

#endif
