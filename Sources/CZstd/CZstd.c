/* Intentionally empty: the target only exports declarations from include/CZstd.h. */
#include "CZstd.h"
