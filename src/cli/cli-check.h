/* cli-check.h — zicha-cli check KIND VALUE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks one typed code value with zicha_code_check() (see zicha-code.h).
 * Exit status per cli-commands.h: 0 acceptable — the canonical form on
 * stdout, and a warning (if any) on stderr; 1 invalid — the reason on one
 * line of stderr, "中文 / English"; 2 unknown KIND or wrong argument count.
 * A VALUE that starts with “-” goes after “--”.
 *
 * For the command table: parameters N_("KIND VALUE"), summary
 * N_("Check a code value (uscc, mobile, phone, icp, …) and print its normalized form").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_check_run (int    argc,
                   char **argv);

G_END_DECLS
