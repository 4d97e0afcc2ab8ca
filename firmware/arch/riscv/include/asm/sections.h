// SPDX-License-Identifier: BSD-2-Clause
/* Where the registration tables live: firmware.ld gathers each input section and names its ends. */
#ifndef ASM_SECTIONS_H
#define ASM_SECTIONS_H

#define SHELLCMDS_SECTION ".shellcmds"
#define SHELLCMDS_START __shellcmds_start
#define SHELLCMDS_END __shellcmds_end

#endif
