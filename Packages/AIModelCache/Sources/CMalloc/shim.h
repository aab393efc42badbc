// glibc malloc statistics (mallinfo2) for ProcessMemory; the header is not part of the Glibc module.
#include <malloc.h>
