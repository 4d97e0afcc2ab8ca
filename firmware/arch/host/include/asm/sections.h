// SPDX-License-Identifier: BSD-2-Clause
/* Host builds have no linker script: a section named as a C identifier gets __start_/__stop_
 * symbols from GNU ld, so the tables use such names here. */
#ifndef ASM_SECTIONS_H
#define ASM_SECTIONS_H

#define SHELLCMDS_SECTION "shellcmds"
#define SHELLCMDS_START __start_shellcmds
#define SHELLCMDS_END __stop_shellcmds

#endif
