/*
 * exe.h - where the running binary is, to find the files installed
 * beside it (the catalogues, the renderers' module).
 */
#ifndef CTM_CORE_EXE_H
#define CTM_CORE_EXE_H

#include <stddef.h>

/*
 * The directory of the running binary into dir ("/usr/bin"): 0, or -1
 * (dir empty) when /proc/self/exe cannot be read.
 */
int exe_dir(char *dir, size_t size);

#endif
