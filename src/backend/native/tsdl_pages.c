/*
 * adviseHugePages(heap): asks Linux to back the wasm heap with transparent huge pages. Each fresh page of the
 * heap costs a page fault on its first touch, and on a virtual machine a 4 KB fault is dear: MNIST's images
 * (188 MB as int32) take 46,000 of them, or 94 of 2 MB. Where the system's setting is `madvise` (Debian's and
 * Ubuntu's default) only advised memory gets huge pages; `always` needs no advice, `never` ignores it.
 *
 * V8 reserves a wasm heap's whole address range when it makes the heap and makes more of it usable as the heap
 * grows, so the advice covers the mapping that holds the heap and the reserved (inaccessible) mappings right after
 * it, up to the 4 GB a wasm32 heap can reach: memory the heap grows into later keeps the advice.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tsdl_blas.h"

#define WASM32_REACH (4ULL << 30)

/* The end of the heap's mapping and of the inaccessible anonymous mappings that follow it, or 0. */
static uintptr_t reserved_end(uintptr_t heap) {
  FILE *maps = fopen("/proc/self/maps", "r");
  if (!maps) return 0;
  char line[512];
  uintptr_t end = 0;
  while (fgets(line, sizeof line, maps)) {
    unsigned long from, to, inode;
    char perms[5], path[8] = "";
    if (sscanf(line, "%lx-%lx %4s %*s %*s %lu %7s", &from, &to, perms, &inode, path) < 4) continue;
    int anonymous = inode == 0 && path[0] == '\0';
    if (end == 0) {
      if (heap >= from && heap < to) end = anonymous ? to : 0;
      if (heap < from) break;
    } else if (from == end && anonymous && strcmp(perms, "---p") == 0) {
      end = to;
    } else {
      break;
    }
  }
  fclose(maps);
  return end;
}

napi_value AdviseHugePages(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 1)) return NULL;
  uintptr_t heap = (uintptr_t)a.heap;
  uintptr_t end = reserved_end(heap);
  if (end > heap + WASM32_REACH) end = heap + WASM32_REACH;
  int advised = 0;
#ifdef MADV_HUGEPAGE
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t start = heap & ~(page - 1);
  advised = end > start && madvise((void *)start, end - start, MADV_HUGEPAGE) == 0;
#endif
  napi_value result;
  napi_get_boolean(env, advised, &result);
  return result;
}
