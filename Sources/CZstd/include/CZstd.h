/* The few libzstd (v1.x, stable ABI) functions used to decompress ZSTD Parquet pages.
   Declared here because only the runtime library is installed, not its development header. */
#ifndef CZSTD_H
#define CZSTD_H

#include <stddef.h>

/* Frame content size values meaning "not stored in the frame" and "not a valid frame". */
#define CZSTD_CONTENTSIZE_UNKNOWN (0ULL - 1)
#define CZSTD_CONTENTSIZE_ERROR (0ULL - 2)

/* Decompresses all frames in src into dst; returns the size written or an error code. */
size_t ZSTD_decompress(void *dst, size_t dstCapacity, const void *src, size_t compressedSize);
/* The decompressed size a frame declares, or one of the CZSTD_CONTENTSIZE_* values. */
unsigned long long ZSTD_getFrameContentSize(const void *src, size_t srcSize);
/* Non-zero when a size_t result is an error code. */
unsigned ZSTD_isError(size_t code);
/* A readable name for an error code. */
const char *ZSTD_getErrorName(size_t code);

#endif
